package io.chingest.consumer.buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A batch sink that keeps what it accepted and fails on demand. Not thread-safe. */
final class RecordingSink implements BatchSink {
    final List<Batch> accepted = new ArrayList<>();
    final List<Batch> refused = new ArrayList<>();
    boolean failing;

    @Override
    public boolean write(Batch batch) {
        if (failing) {
            refused.add(batch);
            return false;
        }
        accepted.add(batch);
        return true;
    }

    static byte[] contents(Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            batch.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
