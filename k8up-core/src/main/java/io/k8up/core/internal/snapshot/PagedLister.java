package io.k8up.core.internal.snapshot;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.k8up.core.snapshot.SnapshotException;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1ListMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Call;

/**
 * Lists a resource page by page ({@code limit} and {@code continue}), converting each page to the
 * model before asking for the next, so that at most one page of client-java objects exists at a
 * time. A list takes {@code ceil(items / pageSize)} requests, at least one.
 *
 * <p>When the API server answers 410 Gone, the continue token expired (the list took longer than
 * the server keeps its snapshot, five minutes by default): the list starts over once, dropping
 * what it read; a second expiry fails the read.
 */
public final class PagedLister {

  /** The page size when none is given, as kubectl uses. */
  public static final int DEFAULT_PAGE_SIZE = 500;

  /** Builds the request for one page, as client-java's {@code .limit(n)._continue(t).buildCall(null)}. */
  @FunctionalInterface
  public interface PageCall {
    Call build(int limit, String continueToken) throws ApiException;
  }

  /** One page as read: its client-java items and its list metadata. */
  public record Page<V>(List<V> items, V1ListMeta metadata) {}

  private final ApiLister lister;
  private final int pageSize;

  /**
   * A lister asking for {@code pageSize} items per request.
   *
   * @throws IllegalArgumentException if {@code pageSize} is not positive
   */
  public PagedLister(ApiLister lister, int pageSize) {
    checkArgument(pageSize > 0, "the page size must be positive, not %s", pageSize);
    this.lister = lister;
    this.pageSize = pageSize;
  }

  /**
   * Every item of {@code resource}, converted by {@code convert}.
   *
   * @param page reads a list object of class {@code type} as a {@link Page}
   * @param convert converts one item; it throws {@link IllegalArgumentException} for an item the
   *     model cannot take, which fails the read naming the item
   * @throws SnapshotException if a request fails, the continue token expires twice, or an item
   *     cannot be converted
   */
  public <L, V, M> ImmutableList<M> list(PageCall call, Class<L> type, Function<L, Page<V>> page,
      Function<V, M> convert, ListedResource resource) throws SnapshotException {
    List<M> models = new ArrayList<>();
    String token = null;
    boolean restarted = false;
    while (true) {
      String pageToken = token;
      ApiLister.CallBuilder request = () -> call.build(pageSize, pageToken);
      Optional<L> list = pageToken == null
          ? Optional.of(lister.list(request, type, resource))
          : lister.listUnlessExpired(request, type, resource);
      if (list.isPresent()) {
        Page<V> read = page.apply(list.get());
        convert(read.items(), convert, resource, models);
        token = read.metadata() == null ? null : read.metadata().getContinue();
        if (token == null || token.isEmpty()) {
          break;
        }
      } else if (restarted) {
        throw new SnapshotException("listing " + resource + " failed: the API server's continue"
            + " token expired twice (410 Gone), so the list changed or took too long twice;"
            + " try again, or with larger pages");
      } else {
        restarted = true;
        models.clear();
        token = null;
      }
    }
    return ImmutableList.copyOf(models);
  }

  private static <V, M> void convert(List<V> items, Function<V, M> convert, ListedResource resource,
      List<M> models) throws SnapshotException {
    if (items == null) {
      return;
    }
    for (V item : items) {
      try {
        models.add(convert.apply(item));
      } catch (IllegalArgumentException e) {
        throw new SnapshotException("the API server listed " + resource.resource() + " with items["
            + models.size() + "]: " + e.getMessage(), e);
      }
    }
  }
}
