/** The extension's command ids (package.json `contributes.commands`). */
export const commandIds = {
  showReachability: 'netpolLens.showReachability',
  explainConnection: 'netpolLens.explainConnection',
  selectEngine: 'netpolLens.selectEngine',
  restartServer: 'netpolLens.restartServer',
} as const;

/** Commands the extension uses itself (links in the explanation document, the status bar's click); not in the palette. */
export const internalCommandIds = {
  openLocation: 'netpolLens.openLocation',
  statusActions: 'netpolLens.statusActions',
} as const;
