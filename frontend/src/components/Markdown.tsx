// Shows Markdown from a text field; the HTML comes only from markdown-it with raw HTML off.
import { Title } from "@mantine/core";
import { renderMarkdown } from "../lib/markdown";
import { TEXT_FIELDS, type TextField } from "../lib/postmortemForm";

export function Markdown({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}

// Markdown fields of the postmortem template (a postmortem's or a received lesson's), each
// under its heading, in the order `fields` gives; empty ones are left out.
export function MarkdownSections({
  values,
  fields = TEXT_FIELDS,
}: {
  values: Partial<Record<TextField, string | null>>;
  fields?: readonly (typeof TEXT_FIELDS)[number][];
}) {
  return (
    <>
      {fields.map(([key, label]) =>
        values[key] ? (
          <section key={key} aria-label={label}>
            <Title order={2} size="h3">
              {label}
            </Title>
            <Markdown text={values[key]} />
          </section>
        ) : null,
      )}
    </>
  );
}
