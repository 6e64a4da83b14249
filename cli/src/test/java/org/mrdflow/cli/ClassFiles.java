package org.mrdflow.cli;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes each compiled class of the project refers to, read from its constant pool (JVM
 * specification section 4.4): every {@code CONSTANT_Class} entry plus every class named in a
 * descriptor or generic signature (field and method types, annotations). That is what the JVM
 * may load for the class, so it over-approximates reachability, never under-approximates it.
 */
final class ClassFiles {
  /** {@code Lpkg/Name;} or {@code Lpkg/Name<} inside a descriptor or signature. */
  private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w$]+(?:/[\\w$]+)+)[;<]");

  /** One module's classes: binary name ({@code a/b/C}) -> referenced binary names. */
  record Module(String name, Map<String, Set<String>> classes) {}

  private ClassFiles() {}

  /** The classes of a {@code target/classes} folder or a jar. */
  static Module read(String module, Path location) {
    Map<String, Set<String>> classes = new TreeMap<>();
    try {
      if (Files.isDirectory(location)) {
        readTree(location, classes);
      } else {
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
          readTree(jar.getPath("/"), classes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(location.toString(), e);
    }
    return new Module(module, classes);
  }

  private static void readTree(Path root, Map<String, Set<String>> classes) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".class")
          && !p.getFileName().toString().equals("module-info.class")).toList();
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        readClass(in, classes);
      }
    }
  }

  private static void readClass(InputStream stream, Map<String, Set<String>> classes)
      throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(stream));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> classNameIndexes = new ArrayList<>();
    int[] classNameIndexOf = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> {
          classNameIndexOf[i] = in.readUnsignedShort();
          classNameIndexes.add(classNameIndexOf[i]);
        }
        case 8, 16, 19, 20 -> in.skipNBytes(2); // String, MethodType, Module, Package
        case 15 -> in.skipNBytes(3); // MethodHandle
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // Integer .. InvokeDynamic
        case 5, 6 -> { // Long, Double take two entries
          in.skipNBytes(8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    in.readUnsignedShort(); // access flags
    String name = utf8[classNameIndexOf[in.readUnsignedShort()]];
    Set<String> references = new TreeSet<>();
    for (int index : classNameIndexes) {
      String referenced = utf8[index];
      if (referenced.startsWith("[")) {
        Matcher m = DESCRIPTOR_CLASS.matcher(referenced);
        while (m.find()) {
          references.add(m.group(1));
        }
      } else {
        references.add(referenced);
      }
    }
    for (String text : utf8) {
      if (text != null) {
        Matcher m = DESCRIPTOR_CLASS.matcher(text);
        while (m.find()) {
          references.add(m.group(1));
        }
      }
    }
    references.remove(name);
    classes.put(name, references);
  }

  /** {@code a/b/C$D} -> {@code a.b}. */
  static String packageOf(String binaryName) {
    int slash = binaryName.lastIndexOf('/');
    return slash < 0 ? "" : binaryName.substring(0, slash).replace('/', '.');
  }

  /** Whether a class belongs to Spark, Hadoop or Scala (what the cli's runtime must not need). */
  static boolean isSparkWorld(String binaryName) {
    return binaryName.startsWith("org/apache/spark/") || binaryName.startsWith("org/apache/hadoop/")
        || binaryName.startsWith("scala/");
  }
}
