export * from './analytics-metrics';
export * from './application-kpi';
export * from './campaign-kpi';
export * from './journey-kpi';
export * from './pinpoint-analytics-read-policy';
export * from './campaign-kpi-grant';
export * from './journey-metrics-grant';
export * from './pinpoint-access-validator';
