// This machine's route to the target and its interfaces (route-through-tunnel's evidence).

export { gatherRoute } from './route-lookup';
export { parseAddrShow, parseRouteGet } from './parse-ip-json';
