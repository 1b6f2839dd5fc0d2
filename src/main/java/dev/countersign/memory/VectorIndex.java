package dev.countersign.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * An approximate nearest-neighbour index (Lucene's HNSW graphs) of what memory may recall, in one
 * embedding space. The database stays the source of truth: the index is rebuilt from it when it is
 * missing or was built from another database, and before every search it applies the changes
 * recorded since ({@link DecidedRequests#changesAfter}), so a request decided a moment ago is found.
 * It is opened in the background at the first search, so a process that never recalls (an engine
 * node whose workers run elsewhere) never builds one; until it is open, the exact scan answers.
 */
final class VectorIndex implements NearestRequests, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(VectorIndex.class);

  private static final String ID = "id";
  private static final String USE_CASE = "use_case";
  private static final String DECIDED_AT = "decided_at";
  private static final String APPROVED = "approved";
  private static final String VECTOR = "vector";
  private static final String ORIGIN = "origin";
  private static final String FLOOR = "floor";

  /** HNSW searches at least this many candidates: fewer loses recall for little speed. */
  private static final int MIN_CANDIDATES = 100;
  private static final int BATCH = 2_000;
  /** After a rebuild, changes numbered this far back are looked at again, for transactions still open during it. */
  private static final int REPLAYED_AFTER_REBUILD = 1_000;
  private static final Duration GAP_PATIENCE = Duration.ofSeconds(30);
  private static final Duration COMMIT_EVERY = Duration.ofSeconds(30);

  private final DecidedRequests decided;
  private final EmbeddingSpace space;
  private final NearestRequests scan;
  private final Path location;

  private volatile boolean open;
  private final AtomicBoolean opening = new AtomicBoolean();
  private Directory directory;
  private IndexWriter writer;
  private SearcherManager searchers;
  private ChangeCursor cursor;
  private String origin;
  private Instant committed = Instant.now();
  private boolean uncommitted;
  private Path temporary;

  /** @param location the index's directory, or null for a temporary one (rebuilt on every start) */
  VectorIndex(DecidedRequests decided, EmbeddingSpace space, NearestRequests scan, Path location) {
    this.decided = decided;
    this.space = space;
    this.scan = scan;
    this.location = location;
  }

  /** Opens the index, rebuilding it from the database if it is missing or not this database's. */
  synchronized void open() {
    long started = System.nanoTime();
    try {
      directory = FSDirectory.open(location == null ? temporary() : location);
      try {
        writer = writer(directory);
      } catch (LockObtainFailedException e) {
        directory.close();
        log.warn("Few-shot memory index: {} is in use by another process; this one builds its own in a temporary "
            + "directory on every start. Give each process its own MEMORY_INDEX_DIR.", location);
        directory = FSDirectory.open(temporary());
        writer = writer(directory);
      }
      Map<String, String> data = new HashMap<>();
      if (writer.getLiveCommitData() != null) {
        writer.getLiveCommitData().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
      }
      origin = originOfDatabase();
      long floor = Long.parseLong(data.getOrDefault(FLOOR, "-1"));
      if (origin.equals(data.get(ORIGIN)) && floor >= 0 && floor <= decided.lastChange()) {
        cursor = new ChangeCursor(floor, GAP_PATIENCE);
        searchers = new SearcherManager(writer, null);
        catchUp();
        log.info("Few-shot memory index ({}) opened at {} with {} memories in {} ms", space.name(), where(),
            writer.getDocStats().numDocs, (System.nanoTime() - started) / 1_000_000);
      } else {
        rebuild(started);
      }
      open = true;
    } catch (IOException | RuntimeException e) {
      log.error("Few-shot memory index ({}) could not be opened at {}; memory scans the database instead",
          space.name(), where(), e);
      close();
    }
  }

  private IndexWriter writer(Directory directory) throws IOException {
    return new IndexWriter(directory, new IndexWriterConfig().setRAMBufferSizeMB(64));
  }

  /** On disk rather than on the heap, as an index of many memories is large; deleted when closed. */
  private Path temporary() throws IOException {
    temporary = Files.createTempDirectory("countersign-memory-index-");
    return temporary;
  }

  private String where() {
    return directory instanceof FSDirectory fs ? fs.getDirectory().toString() : "?";
  }

  private void rebuild(long started) throws IOException {
    writer.deleteAll();
    long last = decided.lastChange();
    long count = 0;
    long reported = 0;
    String after = "";
    List<DecidedRequests.Recallable> page;
    do {
      page = decided.recallableAfter(space.name(), after, BATCH);
      for (DecidedRequests.Recallable memory : page) {
        if (indexable(memory)) {
          writer.addDocument(document(memory));
          count++;
        }
      }
      if (!page.isEmpty()) {
        after = page.get(page.size() - 1).requestId();
      }
      if (count >= reported + 50_000) {
        reported = count;
        log.info("Few-shot memory index ({}): {} memories indexed", space.name(), count);
      }
    } while (page.size() == BATCH);
    // Changes numbered before the rebuild began may commit after its read: look at the last ones again.
    long replayFrom = Math.max(0, last - REPLAYED_AFTER_REBUILD);
    cursor = new ChangeCursor(replayFrom, GAP_PATIENCE);
    cursor.applied(decided.changesAfter(replayFrom, REPLAYED_AFTER_REBUILD), Instant.now());
    commit();
    searchers = new SearcherManager(writer, null);
    log.info("Few-shot memory index ({}) rebuilt from the database at {}: {} memories in {} ms", space.name(), where(),
        count, (System.nanoTime() - started) / 1_000_000);
  }

  /** Whether the index answers searches; the scan does until it is open, and after it failed. */
  boolean isOpen() {
    return open;
  }

  @Override
  public List<Neighbour> nearest(String useCase, float[] query, int n, double minSimilarity, Instant decidedBefore) {
    if (!open) {
      if (opening.compareAndSet(false, true)) {
        Thread opener = new Thread(this::open, "memory-index");
        opener.setDaemon(true);
        opener.start();
      }
      return scan.nearest(useCase, query, n, minSimilarity, decidedBefore);
    }
    try {
      return search(useCase, query, n, minSimilarity, decidedBefore);
    } catch (IOException e) {
      log.error("Few-shot memory index ({}) failed; memory scans the database until the next start", space.name(), e);
      close();
      return scan.nearest(useCase, query, n, minSimilarity, decidedBefore);
    }
  }

  private List<Neighbour> search(String useCase, float[] query, int n, double minSimilarity, Instant decidedBefore)
      throws IOException {
    catchUp();
    IndexSearcher searcher = searchers.acquire();
    try {
      BooleanQuery.Builder filter = new BooleanQuery.Builder()
          .add(new TermQuery(new Term(USE_CASE, useCase)), BooleanClause.Occur.FILTER);
      if (decidedBefore != null) {
        filter.add(LongPoint.newRangeQuery(DECIDED_AT, Long.MIN_VALUE, decidedBefore.toEpochMilli() - 1),
            BooleanClause.Occur.FILTER);
      }
      int candidates = Math.max(n, MIN_CANDIDATES);
      Query knn = new KnnFloatVectorQuery(VECTOR, query, candidates, filter.build());
      StoredFields stored = searcher.storedFields();
      List<Neighbour> nearest = new ArrayList<>();
      for (ScoreDoc hit : searcher.search(knn, candidates).scoreDocs) {
        // Lucene scores cosine as (1 + cosine) / 2.
        double similarity = 2.0 * hit.score - 1.0;
        if (nearest.size() == n || similarity < minSimilarity) {
          break;
        }
        Document document = stored.document(hit.doc, Set.of(ID, APPROVED));
        nearest.add(new Neighbour(document.get(ID), document.getField(APPROVED).numericValue().intValue() == 1,
            similarity));
      }
      return nearest;
    } finally {
      searchers.release(searcher);
    }
  }

  /** Applies the changes recorded since the last look, and commits now and then. */
  synchronized void catchUp() throws IOException {
    int fresh;
    do {
      List<DecidedRequests.Change> changes = new ArrayList<>(decided.changesAfter(cursor.newest(), BATCH));
      fresh = changes.size();
      changes.addAll(decided.changes(cursor.missing()));
      apply(changes);
    } while (fresh == BATCH);
    if (uncommitted && Duration.between(committed, Instant.now()).compareTo(COMMIT_EVERY) >= 0) {
      commit();
    }
  }

  private void apply(List<DecidedRequests.Change> changes) throws IOException {
    List<DecidedRequests.Change> fresh = changes.stream().filter(c -> !cursor.isApplied(c.seq())).toList();
    if (!fresh.isEmpty()) {
      Map<String, DecidedRequests.Recallable> rows =
          decided.recallable(fresh.stream().map(DecidedRequests.Change::requestId).distinct().toList(), space.name());
      for (DecidedRequests.Change change : fresh) {
        DecidedRequests.Recallable memory = rows.get(change.requestId());
        Term id = new Term(ID, change.requestId());
        if (memory != null && indexable(memory)) {
          writer.updateDocument(id, document(memory));
        } else {
          writer.deleteDocuments(id);
        }
      }
      uncommitted = true;
      searchers.maybeRefreshBlocking();
    }
    cursor.applied(changes, Instant.now());
  }

  /** The index remembers how far it got and which database it was built from, to carry on after a restart. */
  private void commit() throws IOException {
    if (origin.isEmpty()) {
      origin = originOfDatabase();
    }
    writer.setLiveCommitData(Map.of(ORIGIN, origin, FLOOR, Long.toString(cursor.floor())).entrySet());
    writer.commit();
    committed = Instant.now();
    uncommitted = false;
  }

  /** The first change ever recorded names the database: a new or reset one has another, or none. */
  private String originOfDatabase() {
    return decided.firstChange().map(first -> first.seq() + ":" + first.requestId()).orElse("");
  }

  /** Cosine is undefined for a zero vector, which no embedding model gives for real text. */
  private static boolean indexable(DecidedRequests.Recallable memory) {
    for (float component : memory.vector()) {
      if (component != 0) {
        return true;
      }
    }
    return false;
  }

  private static Document document(DecidedRequests.Recallable memory) {
    Document document = new Document();
    document.add(new StringField(ID, memory.requestId(), Field.Store.YES));
    document.add(new StringField(USE_CASE, memory.useCase(), Field.Store.NO));
    document.add(new LongPoint(DECIDED_AT, memory.decidedAt().toEpochMilli()));
    document.add(new StoredField(APPROVED, memory.approved() ? 1 : 0));
    document.add(new KnnFloatVectorField(VECTOR, memory.vector(), VectorSimilarityFunction.COSINE));
    return document;
  }

  @Override
  public synchronized void close() {
    open = false;
    try {
      if (searchers != null) {
        searchers.close();
      }
      if (writer != null && writer.isOpen()) {
        if (uncommitted && cursor != null) {
          commit();
        }
        writer.close();
      }
      if (directory != null) {
        directory.close();
      }
      if (temporary != null) {
        FileSystemUtils.deleteRecursively(temporary);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Few-shot memory index ({}): closing failed; the next start catches up or rebuilds", space.name(), e);
    }
  }
}
