package io.berth.common.download;

/**
 * How registry-service hands a blob download over to proxy-gateway when both see the same
 * filesystem storage (nginx's {@code X-Accel-Redirect}, in Berth's terms). The gateway asks with
 * {@link #REQUEST} on a blob {@code GET}; registry-service authorizes the request as always and,
 * instead of the bytes, answers the status and headers of the download with an empty body and
 * {@link #PATH} (the blob's path relative to the storage root), {@link #OFFSET} and {@link #LENGTH}.
 * The gateway then sends those bytes of the file itself ({@link DownloadPump}), so they cross one
 * process instead of two. When it cannot open the file
 * (storage not shared, blob deleted meanwhile) it asks again without {@link #REQUEST}.
 */
public final class BlobFileHandoff {
    public static final String REQUEST = "X-Berth-Blob-File";
    public static final String PATH = "X-Berth-Blob-File-Path";
    public static final String OFFSET = "X-Berth-Blob-File-Offset";
    public static final String LENGTH = "X-Berth-Blob-File-Length";

    private BlobFileHandoff() {}
}
