package io.k8up.core.snapshot;

import static com.google.common.base.Preconditions.checkNotNull;

import io.k8up.core.internal.snapshot.DocumentReader;
import io.k8up.core.internal.snapshot.SnapshotAssembler;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
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
 * apiVersions are skipped and summarised, per kind, in {@link ClusterSnapshot#notes()}.
 * Fields that this version of client-java does not know, such as those of a newer Kubernetes, are
 * ignored.
 *
 * <p>Claims naming a missing volume and pods naming a missing claim are kept: the planner decides
 * what they mean. Reading never resolves YAML tags to Java classes, caps YAML aliases and accepts
 * files of a few hundred megabytes. The methods are thread-safe.
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
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(source, reader);
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
    try {
      DocumentReader.read(reader, assembler);
    } catch (CharacterCodingException e) {
      throw new SnapshotException(sourceName + ": cannot be read: it is not UTF-8 text", e);
    } catch (IOException e) {
      throw new SnapshotException(sourceName + ": cannot be read: " + reason(e), e);
    }
    return assembler.build();
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
