export { type BudgetDeps, type BudgetState, createBudgetApp } from './app.ts';
export { type BudgetConfig, budgetConfigFromEnv } from './config.ts';
export { type Dashboard, GrantEnded, loadDashboard, summarize } from './dashboard.ts';
export { type AisGateway, deferredGateway, sdkGateway } from './gateway.ts';
export { type BudgetSessions, budgetSessions } from './sessions.ts';
