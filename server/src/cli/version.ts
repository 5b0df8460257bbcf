declare const NETPOL_LENS_VERSION: string | undefined;
/** Set by esbuild from package.json; "dev" when running from sources. */
export const version: string = typeof NETPOL_LENS_VERSION === 'string' ? NETPOL_LENS_VERSION : 'dev';
