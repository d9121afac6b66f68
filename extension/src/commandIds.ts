/**
 * Every command the extension contributes: registration, menus and links use these ids, and a unit test keeps them
 * equal to `contributes.commands` in package.json.
 */
export const commandIds = {
  invokeLocalFunction: 'lambdaDevtools.invokeLocalFunction',
  invokeAgain: 'lambdaDevtools.invokeAgain',
  build: 'lambdaDevtools.build',
  rebuild: 'lambdaDevtools.rebuild',
  showEnvironments: 'lambdaDevtools.showEnvironments',
  stopEnvironment: 'lambdaDevtools.stopEnvironment',
  stopFunctionEnvironments: 'lambdaDevtools.stopFunctionEnvironments',
  stopAllEnvironments: 'lambdaDevtools.stopAllEnvironments',
  showLifecycleLog: 'lambdaDevtools.showLifecycleLog',
  restartBackend: 'lambdaDevtools.restartBackend',
  showBackendLog: 'lambdaDevtools.showBackendLog',
  refreshEnvironments: 'lambdaDevtools.refreshEnvironments',
  openApiRoute: 'lambdaDevtools.openApiRoute',
  copyApiRouteUrl: 'lambdaDevtools.copyApiRouteUrl',
  refreshApiRoutes: 'lambdaDevtools.refreshApiRoutes',
} as const;
