package dev.scimpurge.job.collect;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Checks that the bytes passing through are well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) and counts line feeds, so that bad input is reported with
 * the line it is on. A character decoder cannot say that: it decodes many lines ahead.
 */
final class Utf8CheckingInputStream extends FilterInputStream {

    private long line = 1;
    private int pending;
    private int lowerBound = 0x80;
    private int upperBound = 0xBF;

    Utf8CheckingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b == -1) {
            atEnd();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n == -1) {
            atEnd();
        }
        for (int i = 0; i < n; i++) {
            check(buffer[offset + i] & 0xff);
        }
        return n;
    }

    private void check(int b) {
        if (pending > 0) {
            if (b < lowerBound || b > upperBound) {
                throw invalid();
            }
            lowerBound = 0x80;
            upperBound = 0xBF;
            pending--;
            return;
        }
        if (b == '\n') {
            line++;
        } else if (b >= 0x80) {
            startSequence(b);
        }
    }

    private void startSequence(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
            lowerBound = b == 0xE0 ? 0xA0 : 0x80;
            upperBound = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
            lowerBound = b == 0xF0 ? 0x90 : 0x80;
            upperBound = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw invalid();
        }
    }

    private void atEnd() {
        if (pending > 0) {
            throw invalid();
        }
    }

    private CsvFormatException invalid() {
        return new CsvFormatException("line " + line + " is not valid UTF-8");
    }
}
