package io.k8up.core.testing;

import com.google.common.collect.ImmutableList;
import com.google.gson.annotations.SerializedName;
import java.util.List;

/**
 * One snapshot as {@code restic snapshots --json} describes it.
 *
 * @param id the snapshot's full id
 * @param shortId its short id, as restic prints it
 * @param hostname the host it was taken for ({@code --host})
 * @param tags its tags ({@code --tag}), empty if none
 * @param paths the paths backed up, as the backing-up process saw them
 */
public record ResticSnapshot(
    String id,
    @SerializedName("short_id") String shortId,
    String hostname,
    List<String> tags,
    List<String> paths) {

  public ResticSnapshot {
    // restic leaves out "tags" for a snapshot without tags.
    tags = tags == null ? ImmutableList.of() : ImmutableList.copyOf(tags);
    paths = ImmutableList.copyOf(paths);
  }
}
