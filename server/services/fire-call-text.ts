/**
 * The fire call's share text in Chinese (issue 14), one paragraph for a group chat or the radio:
 * 警情：舞阳县和丰医院（辛安镇辛安大街69号）。首到：辛安镇专职消防救援队 约4分16秒（2.1公里）；
 * 第二：姜店乡专职消防救援队 约12分50秒。最近完好消火栓：HY-0623，沿路297米（150米内无完好消火栓）。未整改隐患：0。
 */

interface TextUnit {
  rank: number | null;
  name: string;
  etaS: number | null;
  roadM: number | null;
}

interface TextInput {
  countyName: string;
  point: { lon: number; lat: number };
  township: { name: string | null } | null;
  village: { name: string | null } | null;
  site: { name: string; address: string | null } | null;
  units: TextUnit[];
  water: {
    protectionRadiusM: number;
    nearestWorking: { code: string; roadM: number | null; straightM: number } | null;
    warnings: { noWorkingWithin150m: boolean };
    radiusM: number;
  };
  record: { hazards: { open: number; overdue: number } | null } | null;
}

/** 256 s → "4分16秒"; under a minute "45秒". */
export function minutesSeconds(s: number): string {
  const whole = Math.round(s);
  const m = Math.floor(whole / 60);
  const sec = whole % 60;
  return m === 0 ? `${sec}秒` : `${m}分${sec}秒`;
}

/** 2140 m → "2.1公里"; under a kilometre "297米". */
export function distanceZh(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(1)}公里` : `${Math.round(m)}米`;
}

const ORDINAL = ['首到', '第二', '第三'];

export function fireCallText(a: TextInput): string {
  const where = [a.township?.name, a.village?.name].filter(Boolean).join('');
  const address = a.site?.address?.startsWith(a.countyName)
    ? a.site.address.slice(a.countyName.length)
    : a.site?.address;
  const place = a.site
    ? `${a.site.name}（${address || where}）`
    : `${where || '未知地点'}附近（${a.point.lon.toFixed(5)}, ${a.point.lat.toFixed(5)}）`;
  const parts = [`警情：${place}。`];
  const ranked = a.units.filter((u) => u.rank !== null && u.rank <= 2);
  if (ranked.length === 0) parts.push('无可出动力量。');
  else
    parts.push(
      `${ranked
        .map((u, i) => {
          const road = i === 0 && u.roadM !== null ? `（${distanceZh(u.roadM)}）` : '';
          return `${ORDINAL[i]}：${u.name} 约${minutesSeconds(u.etaS as number)}${road}`;
        })
        .join('；')}。`,
    );
  const w = a.water.nearestWorking;
  const warn = a.water.warnings.noWorkingWithin150m ? `（${a.water.protectionRadiusM}米内无完好消火栓）` : '';
  if (w)
    parts.push(
      `最近完好消火栓：${w.code}，${w.roadM === null ? `直线${distanceZh(w.straightM)}` : `沿路${distanceZh(w.roadM)}`}${warn}。`,
    );
  else parts.push(`${a.water.radiusM}米内无完好消火栓。`);
  const hazards = a.record?.hazards;
  if (hazards) parts.push(`未整改隐患：${hazards.open}${hazards.overdue > 0 ? `（逾期${hazards.overdue}）` : ''}。`);
  return parts.join('');
}
