/** The core's API: what `lsp/` and `cli/` may import. Pure: no fs, no process, no LSP. */
export type { Span } from './text/span';
export { LineIndex } from './text/lineIndex';
export type { Position } from './text/lineIndex';
export type { Finding, Fix, Location, RelatedLocation, Severity, TextEdit } from './findings';
export { compareFindings } from './findings';
export { Workspace, analyseFile } from './model/workspace';
export type { FileModel, SetFileOptions, WorkspaceModel, WorkspaceOptions } from './model/workspace';
export type { ParsedFile, SkippedDocument } from './model/parseFile';
export type { UnevaluatedObject } from './model/unevaluated';
export type { Workload, ContainerPort } from './model/workload';
export type { Namespace } from './model/namespace';
export type { NetworkPolicy, PolicyRule, PolicyPeer, PolicyPort, Direction, Protocol } from './model/networkPolicy';
export { isEffective, protocols } from './model/networkPolicy';
export { formatSelector, matchesSelector, isEmptySelector } from './selectors/labelSelector';
export type { LabelSelector, Labels } from './selectors/labelSelector';
export { parseIp } from './model/cidr';
export { suggestDns1123Name } from './model/names';
export { Connectivity } from './engine/connectivity';
export { computeConnectivity } from './engine/connectivityBuilder';
export { explainConnection } from './engine/explain';
export type { Explanation, SideExplanation, RuleContribution, PeerRef } from './engine/explain';
export { listConnections, connectionLine, buildMatrix } from './engine/connlist';
export type { ConnectionEntry, MatrixCell, MatrixView } from './engine/connlist';
export { ConnectionSets, expandRow, matrixGrid } from './engine/matrixGrid';
export type { ConnectionSet, GridOptions, MatrixGrid } from './engine/matrixGrid';
export { cellStatusOf as cellStatus, cellDifference, isResultDifference } from './engine/cellStatus';
export type { CellDifference, CellResult, CellStatus } from './engine/cellStatus';
export { compareGrids, engineComparisonView, resultsDiffer } from './views/comparison';
export type { ComparisonView, GridChanges } from './views/comparison';
export type { ExternalRange } from './engine/addressSpace';
export {
  formatConnections,
  containsPort,
  isAllPorts,
  isEmptyPorts,
  allPortSet,
  emptyPortSet,
  portRangeSet,
  unionPorts,
  intersectPorts,
} from './engine/portSet';
export type { PortSet } from './engine/portSet';
export {
  engineProfiles,
  defaultEngine,
  findEngine,
  describeSwitch,
  engineFeatures,
  featureNames,
  semanticSwitches,
} from './engine/profiles/index';
export type { EngineFeature, EngineProfile, Retirement, SemanticSwitch, Support } from './engine/profiles/index';
export { formatUncertain, policyUncertainty, uncertainText } from './engine/uncertain';
export type { UncertainFeature } from './engine/uncertain';
export { compareEngines } from './engine/compareEngines';
export type { EngineComparison, EngineDifference } from './engine/compareEngines';
export { checkWorkspace } from './check';
export type { CheckOptions } from './check';
export { allRules } from './rules/index';
export type { Rule, RuleContext } from './rules/index';
export { describePeer, describePorts, describeRule } from './engine/describe';
export { builtinCodes } from './codes';
export type { CodeInfo } from './codes';
export { readYamlValue } from './yaml/plain';
export { hoverAt } from './hover/hover';
export type { Hover, HoverOptions } from './hover/hover';
export { nodePathAt } from './yaml/path';
export type { PathStep } from './yaml/path';
export { completeAt } from './completion/completion';
export type { CompletionItem, CompletionKind, CompletionOptions } from './completion/completion';
export { policySnippets, expandSnippet } from './completion/snippets';
export type { PolicySnippet } from './completion/snippets';
export { applyEdits, nonOverlappingFixEdits } from './text/edits';
export { codeLensesFor } from './lens/codeLens';
export type { CodeLens } from './lens/codeLens';
export { restoreIndentation } from './rules/restoreIndentation';
export { parseCalicoSelector, matchesCalico, printCalicoSelector, calicoSelectorKeys } from './selectors/calicoSelector';
export type { CalicoExpr, CalicoParseResult, CalicoSelectorError } from './selectors/calicoSelector';
export type { EngineSide, EngineStep } from './engine/crdCommon';
export type { CalicoPolicy, CalicoRule } from './model/calicoPolicy';
export type { CiliumPolicy, CiliumRuleSpec } from './model/ciliumPolicy';
export type { EngineObject } from './model/crdCommon';
export { connectionSetView } from './views/connectionSet';
export type { ConnectionSetView, PortRangeView } from './views/connectionSet';
export { explanationUncertainty, explanationView, peerName } from './views/explanation';
export type {
  EngineSideView,
  EngineStepView,
  ExplanationView,
  IgnoredView,
  PolicyRefView,
  PortQuery,
  RuleView,
  SideView,
  UncertainView,
} from './views/explanation';
export { completenessView } from './views/completeness';
export type { CompletenessExtra, CompletenessView, UnanalysedItem, UnanalysedReason } from './views/completeness';
export { mapLocations } from './views/locations';
export { matrixGridView } from './views/matrix';
export type { MatrixGridOptions, MatrixGridView, MatrixWorkloadView } from './views/matrix';
