package dev.preptrack.ui.wiring;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the memory of every RocksDB store in the process together. Kafka Streams gives each
 * store (one per store and partition: about fifty here) its own 50 MB block cache and three
 * 16 MB write buffers, which is how preptrack reached 1.9 GB resident on a laptop. Here all of
 * them share one block cache, and their write buffers are charged to it, so the stores' native
 * memory stays within {@link #CACHE_BYTES} however many there are; index and filter blocks live
 * in the cache too, so they count. This is the pattern of Kafka Streams' memory-management guide.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    /** Block cache and write buffers of every store in the process, together. */
    static final long CACHE_BYTES = 48L << 20;
    /** Of that, what the stores' memtables may hold before they are flushed. */
    static final long WRITE_BUFFER_BYTES = 16L << 20;
    /** One memtable's size; small, since each store takes a few hundred KB of writes at a time. */
    static final long MEMTABLE_BYTES = 1L << 20;

    // Shared by every store: created once, closed never (they live as long as the process).
    private static final Cache CACHE = new LRUCache(CACHE_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(WRITE_BUFFER_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        var table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared: closing them here would pull them from
        // under the other stores.
    }
}
