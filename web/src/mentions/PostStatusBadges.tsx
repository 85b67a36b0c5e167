import { Badge, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PostRead } from "../../../src/posts/posts.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { postStatusMarks } from "./postStatus.ts";

// White on Mantine's red.9 (#c92a2a) and indigo.9 (#364fc7): contrast above 4.5:1; the words carry the meaning.
const colors = { deleted: "red.9", edited: "indigo.9" } as const;

/** "Deleted by author" and "Edited" badges, each with its time read out by screen readers and shown on hover. */
export function PostStatusBadges({ post }: { post: Pick<PostRead, "deletedAt" | "editedAt"> }) {
  const { t, i18n } = useTranslation();
  return postStatusMarks(post).map((mark) => {
    const at = formatDateTime(mark.at, i18n.language);
    return (
      <Badge
        key={mark.kind}
        variant="filled"
        color={colors[mark.kind]}
        size="sm"
        title={t(`mentions.status.${mark.kind}At`, { at })}
        data-testid={`post-${mark.kind}`}
      >
        {t(`mentions.status.${mark.kind}`)}
        <VisuallyHidden>{`, ${at}`}</VisuallyHidden>
      </Badge>
    );
  });
}
