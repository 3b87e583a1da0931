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

  // s/finish9: a restart that follows the process's own deployment (remediation/process-restart.ts).
  'process-restart.systemd': (p: { unit: string; kind: string; pid: number; why: string }) =>
    `Restart ${p.unit}, the systemd unit ${p.kind} pid ${p.pid} runs in (${p.why})`,
  'process-restart.container': (p: { runtime: string; id: string; kind: string; pid: number; why: string }) =>
    `Restart the ${p.runtime} container ${p.id} that ${p.kind} pid ${p.pid} runs in (${p.why})`,
  'process-restart.why.transport': () => 'cloudflared reads its transport only when it starts',
  'process-restart.why.dial': () => 'so it dials the edge again at once instead of after its back-off',
  'process-restart.plain': (p: { kind: string; pid: number; program: string }) => `Restart the process (${p.kind} pid ${p.pid}, started as ${p.program})`,
  'process-restart.plain.text': (p: { pid: number; program: string; command: string; why: string }) =>
    `pid ${p.pid} runs in no systemd unit and no container, so whatever started it must start it again: stop it and run the same command line (${p.command}), or restart the script or supervisor that started ${p.program} (${p.why}).`,
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

  'process-restart.systemd': (p) => `${p.kind}（プロセス ID ${p.pid}）が動いている systemd ユニット ${p.unit} を再起動します（${p.why}）`,
  'process-restart.container': (p) => `${p.kind}（プロセス ID ${p.pid}）が動いている ${p.runtime} コンテナ ${p.id} を再起動します（${p.why}）`,
  'process-restart.why.transport': () => 'cloudflared はトランスポートを起動時にしか読みません',
  'process-restart.why.dial': () => 'バックオフを待たずに、すぐエッジへ接続し直させるため',
  'process-restart.plain': (p) => `プロセスを再起動します（${p.kind}、プロセス ID ${p.pid}、${p.program} として起動）`,
  'process-restart.plain.text': (p) =>
    `プロセス ID ${p.pid} は systemd ユニットにもコンテナにも属していないため、起動した仕組みで起動し直す必要があります。プロセスを止めて同じコマンドライン（${p.command}）で起動し直すか、${p.program} を起動したスクリプトやスーパーバイザーを再起動してください（${p.why}）。`,
};
