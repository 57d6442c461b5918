// Shows Markdown from a text field; the HTML comes only from markdown-it with raw HTML off.
import { renderMarkdown } from "../lib/markdown";

export function Markdown({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}
