// URL exists in every runtime the protocol targets (browsers, Node) but is declared by the DOM and
// Node type libraries, which this package deliberately does not load. Only the members we use.
// Not referenced from any module, so programs that do load DOM or Node types never see it.
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}
