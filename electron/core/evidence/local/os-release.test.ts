import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prettyNameFrom } from './os-release';

describe('prettyNameFrom', () => {
  it('Debian 12 /etc/os-release', () => {
    const text = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
`;
    assert.equal(prettyNameFrom(text), 'Debian GNU/Linux 12 (bookworm)');
  });

  it('unquoted, single-quoted and escaped values', () => {
    assert.equal(prettyNameFrom('PRETTY_NAME=Alpine\n'), 'Alpine');
    assert.equal(prettyNameFrom("PRETTY_NAME='Fedora Linux 40 (Container Image)'\n"), 'Fedora Linux 40 (Container Image)');
    assert.equal(prettyNameFrom('PRETTY_NAME="Say \\"hi\\" \\$HOME"\n'), 'Say "hi" $HOME');
  });

  it('NAME and VERSION when PRETTY_NAME is missing; null when neither', () => {
    assert.equal(prettyNameFrom('NAME="Ubuntu"\nVERSION="24.04 LTS (Noble Numbat)"\n'), 'Ubuntu 24.04 LTS (Noble Numbat)');
    assert.equal(prettyNameFrom('NAME=Custom\n'), 'Custom');
    assert.equal(prettyNameFrom('# nothing here\nID=x\n'), null);
    assert.equal(prettyNameFrom(''), null);
  });
});
