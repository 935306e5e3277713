package dev.scimpurge.notify;

import java.util.List;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** A plain-text email over the SMTP server configured under {@code spring.mail.*}. */
final class EmailChannel implements Channel {

    private final JavaMailSender mail;
    private final String from;
    private final List<String> to;

    EmailChannel(JavaMailSender mail, String from, List<String> to) {
        this.mail = mail;
        this.from = from;
        this.to = List.copyOf(to);
    }

    @Override
    public String describe() {
        return "email to " + to.size() + " recipient(s)";
    }

    @Override
    public void deliver(RunNotice notice) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject(notice.headline());
        message.setText(String.join("\n", notice.lines()) + "\n");
        mail.send(message);
    }
}
