/**
 * Strings of the 消火栓规划 panel and its layers (issue 5), Chinese and English side by side; the
 * main tables (zh-CN.ts, en.ts) spread them in, so the key set is still checked as one.
 */
export const hydrantsZh = {
  'panel.hydrants': '消火栓规划',
  'layer.hydrantPlan': '消火栓保护范围',
} as const;

export const hydrantsEn: Record<keyof typeof hydrantsZh, string> = {
  'panel.hydrants': 'Hydrant planning',
  'layer.hydrantPlan': 'Hydrant protection',
};
