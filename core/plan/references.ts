import type { Plan } from './schema.ts';
import type { PlanIssueCode } from './planIssues.ts';
import { isTwoTier } from './successors.ts';
import { dueDate } from './deadline.ts';

/** A broken cross-reference inside a plan (unknown agency, group, heading; duplicate id; …). */
export interface ReferenceProblem {
  code: PlanIssueCode;
  path: (string | number)[];
  message: string;
}

/** Set codes that reach themselves through their members ("a set that refers to itself"). */
function selfReferringSets(plan: Plan): Set<string> {
  const members = new Map(plan.agencySets.map((s) => [s.code, s.members]));
  const out = new Set<string>();
  for (const start of members.keys()) {
    const stack = [...members.get(start)!];
    const seen = new Set<string>();
    while (stack.length) {
      const c = stack.pop()!;
      if (c === start) {
        out.add(start);
        break;
      }
      if (seen.has(c)) continue;
      seen.add(c);
      stack.push(...(members.get(c) ?? []));
    }
  }
  return out;
}

/** Checks what the schema alone cannot: that every code used is defined once, and dates make sense. */
export function checkPlanReferences(plan: Plan): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const add = (code: PlanIssueCode, path: (string | number)[], message: string): void => {
    problems.push({ code, path, message });
  };
  const agencyCodes = new Set<string>();
  const setCodes = new Set<string>();
  const duplicate = (seen: Set<string>, value: string, path: (string | number)[], what: string): void => {
    if (seen.has(value)) add('plan-duplicate', path, `${what} "${value}" bị trùng`);
    seen.add(value);
  };
  plan.agencies.forEach((a, i) => duplicate(agencyCodes, a.code, ['agencies', i, 'code'], 'Mã cơ quan'));
  plan.agencySets.forEach((s, i) => {
    if (agencyCodes.has(s.code)) add('plan-set-clash', ['agencySets', i, 'code'], `Mã nhóm cơ quan "${s.code}" trùng với mã một cơ quan`);
    duplicate(setCodes, s.code, ['agencySets', i, 'code'], 'Mã nhóm cơ quan');
  });
  const isRef = (c: string): boolean => agencyCodes.has(c) || setCodes.has(c);
  const selfReferring = selfReferringSets(plan);
  plan.agencySets.forEach((s, i) =>
    s.members.forEach((m, j) => {
      if (!isRef(m)) add('plan-agency-unknown', ['agencySets', i, 'members', j], `Mã cơ quan "${m}" chưa được khai báo`);
      else if (selfReferring.has(s.code) && (m === s.code || selfReferring.has(m))) {
        add('plan-set-self', ['agencySets', i, 'members', j], `Nhóm "${s.code}" chứa ${m === s.code ? 'chính nó' : `nhóm "${m}", nhóm này lại chứa "${s.code}"`}`);
      }
    }),
  );
  // A replaced agency is gone from the plan, and only one agency can take its place.
  const replacedBy = new Map<string, string>();
  plan.agencies.forEach((a, i) =>
    (a.replaces ?? []).forEach((old, j) => {
      const path = ['agencies', i, 'replaces', j];
      if (old === a.code) add('plan-replaced-invalid', path, `Cơ quan "${a.code}" không thể thay cho chính mình`);
      else if (isRef(old)) add('plan-replaced-invalid', path, `"${old}" vẫn là một mã trong kế hoạch; cơ quan đã được thay thế phải bỏ khỏi danh sách cơ quan`);
      else if (replacedBy.has(old)) add('plan-replaced-invalid', path, `"${old}" đã được ghi là do "${replacedBy.get(old)}" thay thế; mỗi cơ quan cũ chỉ có một cơ quan thay thế`);
      replacedBy.set(old, replacedBy.get(old) ?? a.code);
    }),
  );
  if (!agencyCodes.has(plan.standing.agency)) {
    add('plan-standing-unknown', ['standing', 'agency'], `Cơ quan thường trực "${plan.standing.agency}" chưa được khai báo trong agencies`);
  }

  const groupCodes = new Set<string>();
  plan.groups.forEach((g, i) => duplicate(groupCodes, g.code, ['groups', i, 'code'], 'Mã nhóm nhiệm vụ'));
  const headingIds = new Set<string>();
  plan.headings.forEach((h, i) => {
    duplicate(headingIds, h.id, ['headings', i, 'id'], 'Mã đề mục');
    if (h.group && !groupCodes.has(h.group)) add('plan-group-unknown', ['headings', i, 'group'], `Nhóm "${h.group}" chưa được khai báo`);
  });

  // A two-tier province (communes, no districts) stages its deadlines at the province and commune levels only.
  const twoTier = isTwoTier(plan);
  const taskIds = new Set<string>();
  plan.tasks.forEach((t, i) => {
    duplicate(taskIds, t.id, ['tasks', i, 'id'], 'Mã nhiệm vụ');
    if (!groupCodes.has(t.group)) add('plan-group-unknown', ['tasks', i, 'group'], `Nhóm "${t.group}" chưa được khai báo`);
    if (t.heading && !headingIds.has(t.heading)) add('plan-heading-unknown', ['tasks', i, 'heading'], `Đề mục "${t.heading}" chưa được khai báo`);
    for (const role of ['lead', 'support', 'executing'] as const) {
      t[role].forEach((c, j) => {
        if (!isRef(c)) add('plan-agency-unknown', ['tasks', i, role, j], `Mã cơ quan "${c}" chưa được khai báo`);
      });
    }
    if (t.lead.length === 0 && t.executing.length === 0) {
      add('plan-task-unassigned', ['tasks', i], 'Nhiệm vụ phải có cơ quan chủ trì (lead) hoặc cơ quan thực hiện (executing)');
    }
    if (twoTier && t.deadline.kind === 'staged') {
      t.deadline.stages.forEach((st, j) => {
        if (st.level === 'district') add('plan-district-stage', ['tasks', i, 'deadline', 'stages', j, 'level'], 'Tỉnh không có cấp huyện: thời hạn theo cấp chỉ ghi cấp tỉnh và cấp xã');
      });
    }
    // A stage may have begun before the plan; a deadline cannot fall before it.
    const due = t.deadline.kind === 'staged' ? undefined : dueDate(t.deadline, 'province');
    if (due && due < plan.date) add('plan-deadline-before-plan', ['tasks', i, 'deadline'], `Thời hạn (${due}) trước ngày ban hành kế hoạch (${plan.date})`);
  });

  const indicatorIds = new Set<string>();
  plan.indicators.forEach((ind, i) => {
    duplicate(indicatorIds, ind.id, ['indicators', i, 'id'], 'Mã chỉ tiêu');
    ind.agencies.forEach((c, j) => {
      if (!isRef(c)) add('plan-agency-unknown', ['indicators', i, 'agencies', j], `Mã cơ quan "${c}" chưa được khai báo`);
    });
    ind.targets.forEach((t, k) =>
      (t.agencies ?? []).forEach((c, j) => {
        if (!isRef(c)) add('plan-agency-unknown', ['indicators', i, 'targets', k, 'agencies', j], `Mã cơ quan "${c}" chưa được khai báo`);
      }),
    );
    if (ind.unit === 'percent' && !ind.denominatorLabel) {
      add('plan-percent-without-denominator', ['indicators', i, 'denominatorLabel'], 'Chỉ tiêu tỷ lệ (percent) cần denominatorLabel');
    }
    if (ind.group && !groupCodes.has(ind.group)) add('plan-group-unknown', ['indicators', i, 'group'], `Nhóm "${ind.group}" chưa được khai báo`);
  });
  return problems;
}
