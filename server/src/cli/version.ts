/** The CLI's version: the one the language server prints too. */
export { version } from '../version';
