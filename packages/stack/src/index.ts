export { freePort } from './free-port.ts';
export {
  type DefaultServicesOptions,
  defaultServices,
  type RunningService,
  type RunningServices,
  runCommand,
  type ServiceExit,
  type ServiceSpec,
  type StartOptions,
  startServices,
} from './services.ts';
