package io.k8up.core.snapshot;

import static com.google.common.base.Preconditions.checkNotNull;

import io.k8up.core.internal.snapshot.DocumentReader;
import io.k8up.core.internal.snapshot.ReadLimits;
import io.k8up.core.internal.snapshot.SnapshotAssembler;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a {@link ClusterSnapshot} from YAML or JSON, as {@code kubectl get -o yaml} or {@code -o
 * json} writes it.
 *
 * <p>A source holds YAML documents separated by {@code ---}, or one JSON object (recognised by its
 * first character, <code>{</code>). Each document is a Kubernetes object or a list of them ({@code
 * kind: List}, or a typed list such as {@code PodList}, whose items may omit apiVersion and kind).
 * PersistentVolumeClaims, PersistentVolumes, Pods and Nodes of {@code apiVersion: v1}, and
 * VolumeSnapshotClasses of {@code snapshot.storage.k8s.io/v1}, are kept; objects of other kinds or
 * apiVersions are skipped and summarised, per kind, in {@link ClusterSnapshot#notes()}. A kept
 * object is read straight into the model: the fields the model needs are read and checked, the
 * others (such as those of a newer Kubernetes) are skipped, still bounded and still checked for
 * duplicate keys, but their values are not checked.
 *
 * <p>Values are read as the Kubernetes API server reads them: an unquoted {@code yes}, {@code no},
 * {@code on} or a number where a string belongs, a key twice in one mapping, integers beyond their
 * field's range and quantities beyond 2^63 are problems naming the field, never guessed at. YAML
 * aliases and tags naming Java classes are refused.
 *
 * <p>A source is read object by object: the items of a list are converted to the model one at a
 * time, and objects of other kinds are skipped without being built, so memory grows with the
 * objects kept, not with the size of the source. Every read is bounded as the characters arrive:
 * at most 1 GiB of text, 2 MiB in one value (or in a run of blank space or comments), 16 MiB and
 * 250,000 values in one object, 255 levels of nesting and 5 million objects; past a limit the
 * read ends with one problem saying which. Claims naming a missing volume and pods naming a
 * missing claim are kept: the planner decides what they mean.
 *
 * <p>A file or stream that holds a list as kubectl writes it has its items read on every core
 * (they are cut out of the bytes in order, read in batches on other threads, and added in the
 * list's order): the result, and every message, is that of reading it in one thread. The methods
 * are thread-safe.
 */
public final class SnapshotFiles {

  private SnapshotFiles() {}

  /**
   * Reads the snapshot in {@code file}, which is decoded as UTF-8.
   *
   * @throws SnapshotException if the file does not exist or cannot be read, holds no Kubernetes
   *     object, or holds objects that are malformed or twice; the exception lists up to {@value
   *     SnapshotException#MAX_PROBLEMS} problems, each naming the file, the document and the field
   * @throws NullPointerException if {@code file} is null
   */
  public static ClusterSnapshot read(Path file) throws SnapshotException {
    checkNotNull(file, "file");
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw new SnapshotException(source + ": is a directory, not a snapshot file");
    }
    try (InputStream input = Files.newInputStream(file)) {
      return read(source, input);
    } catch (NoSuchFileException e) {
      throw new SnapshotException(source + ": file does not exist", e);
    } catch (AccessDeniedException e) {
      throw new SnapshotException(source + ": cannot be read: permission denied", e);
    } catch (IOException e) {
      throw new SnapshotException(source + ": cannot be read: " + reason(e), e);
    }
  }

  /**
   * Reads the snapshot that {@code reader} delivers, such as a resource bundled with an
   * application; the reader is not closed.
   *
   * @param sourceName what messages call the source, e.g. {@code classpath:demo/cluster.yaml}
   * @throws SnapshotException if the reader fails, or the source holds no Kubernetes object, or
   *     holds objects that are malformed or twice; the exception lists up to {@value
   *     SnapshotException#MAX_PROBLEMS} problems, each naming the source, the document and the field
   * @throws NullPointerException if an argument is null
   */
  public static ClusterSnapshot read(String sourceName, Reader reader) throws SnapshotException {
    checkNotNull(sourceName, "sourceName");
    checkNotNull(reader, "reader");
    SnapshotAssembler assembler = new SnapshotAssembler(sourceName);
    return read(sourceName, assembler,
        () -> DocumentReader.read(reader, ReadLimits.DEFAULTS, assembler));
  }

  /**
   * Reads the snapshot that {@code input} delivers as UTF-8, such as standard input; the stream is
   * not closed. The limits of the class description end an endless stream.
   *
   * @param sourceName what messages call the source, e.g. {@code <stdin>}
   * @throws SnapshotException as {@link #read(String, Reader)} does, and if the bytes are not
   *     UTF-8
   * @throws NullPointerException if an argument is null
   */
  public static ClusterSnapshot read(InputStream input, String sourceName) throws SnapshotException {
    checkNotNull(input, "input");
    checkNotNull(sourceName, "sourceName");
    return read(sourceName, input);
  }

  // The items of a list, as kubectl writes one, are read on every core.
  private static ClusterSnapshot read(String sourceName, InputStream input)
      throws SnapshotException {
    SnapshotAssembler assembler = new SnapshotAssembler(sourceName);
    return read(sourceName, assembler, () -> DocumentReader.read(input, ReadLimits.DEFAULTS,
        assembler, Runtime.getRuntime().availableProcessors()));
  }

  private static ClusterSnapshot read(
      String sourceName, SnapshotAssembler assembler, SourceRead read) throws SnapshotException {
    try {
      read.run();
    } catch (CharacterCodingException e) {
      throw new SnapshotException(sourceName + ": cannot be read: it is not UTF-8 text", e);
    } catch (IOException e) {
      throw new SnapshotException(sourceName + ": cannot be read: " + reason(e), e);
    } catch (OutOfMemoryError e) {
      // What was read becomes garbage as this unwinds, so one line can still be reported.
      throw new SnapshotException(sourceName + ": cannot be read: Java ran out of memory (a heap of at most "
          + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); give it more with -Xmx", e);
    }
    return assembler.build();
  }

  private interface SourceRead {
    void run() throws IOException;
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
