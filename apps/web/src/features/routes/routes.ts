// The console's URL scheme lives in libs/console-routes, which the API also reads to write the
// links of notifications and e-mails; the router declares every one of its paths.
export { consolePath, DESKS, tokenPath, PUBLIC_ROUTES, type ConsoleRole, type LinkTarget } from '../../../../../libs/console-routes/src/index';
