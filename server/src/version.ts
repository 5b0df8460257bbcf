declare const NETPOL_LENS_VERSION: string | undefined;
/** Set by esbuild from package.json; "dev" when running from sources. Shared by the CLI and the language server. */
export const version: string = typeof NETPOL_LENS_VERSION === 'string' ? NETPOL_LENS_VERSION : 'dev';
