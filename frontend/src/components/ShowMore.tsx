// The button under a paged list (lib/usePaged.ts) that appends its next page, while one exists.
import { Button } from "@mantine/core";

export function ShowMore({
  hasMore,
  loadingMore,
  more,
}: {
  hasMore: boolean;
  loadingMore: boolean;
  more: () => Promise<void>;
}) {
  if (!hasMore) return null;
  return (
    <Button variant="default" onClick={() => void more()} loading={loadingMore}>
      Show more
    </Button>
  );
}
