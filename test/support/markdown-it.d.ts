// The little of markdown-it (a CommonMark renderer in node_modules, without its own types) the tests use.
declare module 'markdown-it' {
  interface Options {
    html?: boolean;
    linkify?: boolean;
  }
  class MarkdownIt {
    constructor(options?: Options);
    render(src: string): string;
    normalizeLink(url: string): string;
    validateLink: (url: string) => boolean;
  }
  export default MarkdownIt;
}
