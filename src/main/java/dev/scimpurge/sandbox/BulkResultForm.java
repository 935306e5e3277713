package dev.scimpurge.sandbox;

/** How the operations of one BulkResponse are written: RFC 7644's form unless a Bulk knob says otherwise. */
record BulkResultForm(BulkResultIdentifiers identifiers, BulkStatusForm status) {

    static final BulkResultForm RFC = new BulkResultForm(BulkResultIdentifiers.BULK_ID_AND_LOCATION, BulkStatusForm.STRING);
}
