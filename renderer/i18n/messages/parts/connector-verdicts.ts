// One verdict per connector process: the CLI, report and connector-mode words (issue 9).

import { listEn, listJa } from './format';

type Process = { kind: string; pid: number };

export const en = {
  // The wizard's cloudflared step with several processes.
  'connector-verdicts.step.apart': (p: { count: number; results: readonly string[]; unused: readonly string[] }) =>
    `${p.count} cloudflared processes, each gathered apart: ${p.results.join('; ')}${p.unused.length > 0 ? `. ${p.unused.join('. ')}` : ''}`,
  'connector-verdicts.step.one': (p: { pid: number; result: string }) => `pid ${p.pid}: ${p.result}`,
  'connector-verdicts.step.input-unclaimed': (p: { flag: string; value: string }) =>
    `${p.flag} ${p.value} names no file of these processes, so none of them was given it (examine one with --pid PID to use it)`,
  'connector-verdicts.step.input-ambiguous': (p: { flag: string; value: string; pids: readonly number[] }) =>
    `${p.flag} ${p.value} could belong to pid ${listEn(p.pids)}, so none of them was given it (examine one with --pid PID to use it)`,

  // A connector process, as every output names it.
  'connector-verdicts.process': (p: Process) => `${p.kind} pid ${p.pid}`,
  /** After a host-wide finding taken from one connector's verdict. */
  'connector-verdicts.whose': (p: Process) => `(${p.kind} pid ${p.pid})`,
  'connector-verdicts.gid': (p: { gid: number; egid: number }) => (p.gid === p.egid ? `gid ${p.gid}` : `gid ${p.gid}, egid ${p.egid}`),
  'connector-verdicts.no-config': () => 'no config file',
  'connector-verdicts.unknown-executable': () => 'executable unknown',
  'connector-verdicts.count': (p: { count: number }) => `${p.count} problem${p.count === 1 ? '' : 's'}`,
  'connector-verdicts.healthy': () => 'no problem found',

  // CLI: one short section per connector after the host-wide causes.
  'connector-verdicts.cli.heading': (p: { count: number }) => `Each of the ${p.count} connector processes on its own:`,
  'connector-verdicts.cli.process': (p: { process: string; executable: string; gid: string; config: string; verdict: string }) =>
    `${p.process} (${p.executable}, ${p.gid}, ${p.config}): ${p.verdict}`,
  'connector-verdicts.cli.cause': (p: { id: string; title: string; fix: string | null }) => `${p.id} — ${p.title}${p.fix ? `; first fix: ${p.fix}` : ''}`,
  'connector-verdicts.cli.retest': (p: { command: string }) => `Re-test this one with: ${p.command}`,

  // Reports: one section per connector.
  'connector-verdicts.report.heading': () => 'Each connector process',
  'connector-verdicts.report.intro': (p: { count: number }) =>
    `${p.count} connector processes were found. Each was judged on its own evidence; the causes above are theirs together.`,
  'connector-verdicts.report.executable': () => 'Executable',
  'connector-verdicts.report.user': () => 'User and groups',
  'connector-verdicts.report.user-value': (p: { uid: number; gid: number; egid: number }) => `uid ${p.uid}, gid ${p.gid}, egid ${p.egid}`,
  'connector-verdicts.report.config': () => 'Config file',
  'connector-verdicts.report.netns': () => 'Network namespace',
  'connector-verdicts.report.causes': () => 'Its causes, in the order to fix them',
  'connector-verdicts.report.retest': () => 'Re-test this process alone with:',
};

export const ja: typeof en = {
  'connector-verdicts.step.apart': (p) =>
    `cloudflared のプロセス ${p.count} 個の証跡を個別に収集しました: ${p.results.join('／')}${p.unused.length > 0 ? `。${p.unused.join('。')}` : ''}`,
  'connector-verdicts.step.one': (p) => `プロセス ID ${p.pid}: ${p.result}`,
  'connector-verdicts.step.input-unclaimed': (p) =>
    `${p.flag} ${p.value} はどのプロセスのファイルにも該当しないため、どのプロセスにも使っていません（使うには --pid PID で 1 つを指定してください）`,
  'connector-verdicts.step.input-ambiguous': (p) =>
    `${p.flag} ${p.value} は pid ${listJa(p.pids)} のどれのものか判別できないため、どのプロセスにも使っていません（使うには --pid PID で 1 つを指定してください）`,

  'connector-verdicts.process': (p) => `${p.kind}（プロセス ID ${p.pid}）`,
  'connector-verdicts.whose': (p) => `（${p.kind}、プロセス ID ${p.pid}）`,
  'connector-verdicts.gid': (p) => (p.gid === p.egid ? `GID ${p.gid}` : `GID ${p.gid}（実効 GID ${p.egid}）`),
  'connector-verdicts.no-config': () => '設定ファイルなし',
  'connector-verdicts.unknown-executable': () => '実行ファイル不明',
  'connector-verdicts.count': (p) => `問題 ${p.count} 件`,
  'connector-verdicts.healthy': () => '問題は見つかりませんでした',

  'connector-verdicts.cli.heading': (p) => `コネクタのプロセス ${p.count} 個それぞれの診断結果:`,
  'connector-verdicts.cli.process': (p) => `${p.process}（${p.executable}、${p.gid}、${p.config}）の判定: ${p.verdict}`,
  'connector-verdicts.cli.cause': (p) => `${p.id} — ${p.title}${p.fix ? `。まず行う対処: ${p.fix}` : ''}`,
  'connector-verdicts.cli.retest': (p) => `このプロセスだけを再テスト: ${p.command}`,

  'connector-verdicts.report.heading': () => 'コネクタのプロセスごとの診断結果',
  'connector-verdicts.report.intro': (p) =>
    `コネクタのプロセスが ${p.count} 個見つかりました。それぞれ自身の証跡だけで判定しています。上の原因はすべてのプロセスの分をまとめたものです。`,
  'connector-verdicts.report.executable': () => '実行ファイル',
  'connector-verdicts.report.user': () => 'ユーザーとグループ',
  'connector-verdicts.report.user-value': (p) => `ユーザー ID ${p.uid}、GID ${p.gid}（実効 GID ${p.egid}）`,
  'connector-verdicts.report.config': () => '設定ファイル',
  'connector-verdicts.report.netns': () => 'ネットワーク名前空間',
  'connector-verdicts.report.causes': () => 'このプロセスの原因（対処すべき順）',
  'connector-verdicts.report.retest': () => 'このプロセスだけを再テストするには:',
};
