package org.mrdflow.pipeline.input;

import java.io.Serializable;

/**
 * One listed input file.
 *
 * @param path full path or URI, as Hadoop FileSystem names it
 * @param relativePath path below the input root ('/'-separated): stable across moves of the root
 * @param bytes file size
 */
public record InputFile(String path, String relativePath, long bytes) implements Serializable {

  public String fileName() {
    int slash = relativePath.lastIndexOf('/');
    return relativePath.substring(slash + 1);
  }
}
