package org.mrdflow.review;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import org.mrdflow.review.store.ReviewStore;
import org.mrdflow.review.warehouse.ReviewsTable;
import org.mrdflow.review.warehouse.WarehouseReader;

/**
 * The review workstation wired together: a warehouse, its review database (H2 file under the
 * warehouse unless a JDBC URL is given), the workflow, and the server on 127.0.0.1.
 */
public record ReviewApplication(Path warehouse, ReviewStore store, ReviewService service) {
  /** Default port of {@code mrdflow review}. */
  public static final int DEFAULT_PORT = 8421;

  /**
   * Opens the warehouse and the review database (migrating it).
   *
   * @param jdbcUrl null for the warehouse's own H2 file
   */
  public static ReviewApplication open(Path warehouse, String jdbcUrl) {
    return open(warehouse, jdbcUrl, null);
  }

  /**
   * As {@link #open(Path, String)}, with the folder of the run's FCS files, where a sample's
   * file is found by its SHA-256 when a reviewer adjusts a gate ({@code review --input}).
   *
   * @param input null: gates cannot be adjusted (the pages say so)
   */
  public static ReviewApplication open(Path warehouse, String jdbcUrl, Path input) {
    WarehouseReader reader = new WarehouseReader(warehouse);
    ReviewStore store = ReviewStore.open(jdbcUrl != null ? jdbcUrl : ReviewStore.defaultUrl(warehouse));
    ReviewService service = new ReviewService(reader, store, Clock.systemUTC(),
        trail -> ReviewsTable.write(reader.root(), trail), new GateAdjustments(reader, input));
    return new ReviewApplication(reader.root(), store, service);
  }

  /** Starts the server on the loopback address; port 0 picks a free one. */
  public ReviewServer serve(int port) throws IOException {
    return ReviewServer.start(service, store, new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
        Clock.systemUTC());
  }

  /** Writes the reviews Parquet table from the whole audit trail; returns the file. */
  public Path export() {
    return ReviewsTable.write(warehouse, store.all());
  }
}
