// Markdown from postmortem fields, rendered safely: raw HTML is never passed through (it shows
// as text), links open without giving the new page a handle on this one, and only http(s) and
// mailto links are made (markdown-it's validateLink already refuses javascript: and data:).
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const SAFE_SCHEMES = /^(https?:|mailto:|#|\/)/i;
const defaultValidate = md.validateLink.bind(md);
md.validateLink = (url: string) => defaultValidate(url) && SAFE_SCHEMES.test(url.trim());

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  token.attrSet("rel", "noopener noreferrer");
  token.attrSet("target", "_blank");
  return self.renderToken(tokens, idx, options);
};

export function renderMarkdown(text: string): string {
  return md.render(text);
}
