// Opens HRMP channels both ways between two parachains on the relay chain, as its sudo
// (Alice), and waits until the relay chain has opened them (at the next session change).
//
// A zombienet script, run on a relay chain node with the para ids as arguments
// (`alice: js-script ./scripts/open-hrmp-channels.js with "2000,2001"`), and a command for a
// network started by `make zombienet`:
//   node zombienet/scripts/open-hrmp-channels.js ws://127.0.0.1:9900 2000 2001
// Returns (prints) 1 once both channels are open.
//
// The network definition does not preopen them in the relay chain's genesis: channels
// preopened there make the parachains stop at their first block (parachain-system's
// "DMQ head mismatch"), a known zombienet limitation.

const { withEndpoint, sudo, untilBlock } = require('./chain.js');

/** The limits of each channel: 8 messages queued, each of at most 8 KiB. */
const MAX_CAPACITY = 8;
const MAX_MESSAGE_SIZE = 8192;
/** Sessions last 10 blocks (`fast-runtime`): the channels open within two of them. */
const BLOCKS_TO_WAIT = 30;

function openChannels(endpoint, paraIds) {
  const [first, second] = paraIds.map(Number);
  const channels = [
    { sender: first, recipient: second },
    { sender: second, recipient: first },
  ];
  return withEndpoint(endpoint, async ({ api, alice }) => {
    const isOpen = async (channel, at) =>
      (await (at ? api.query.hrmp.hrmpChannels.at(at, channel) : api.query.hrmp.hrmpChannels(channel))).isSome;
    const requested = async (channel) =>
      (await api.query.hrmp.hrmpOpenChannelRequests(channel)).isSome;
    const toOpen = [];
    for (const channel of channels) {
      if (!(await isOpen(channel)) && !(await requested(channel))) toOpen.push(channel);
    }
    if (toOpen.length > 0) {
      const calls = toOpen.map(({ sender, recipient }) =>
        api.tx.hrmp.forceOpenHrmpChannel(sender, recipient, MAX_CAPACITY, MAX_MESSAGE_SIZE),
      );
      await sudo(api, api.tx.utility.batchAll(calls), alice);
    }
    await untilBlock(api, BLOCKS_TO_WAIT, async (hash) => {
      for (const channel of channels) if (!(await isOpen(channel, hash))) return false;
      return true;
    });
    console.log(`HRMP channels ${first} -> ${second} and ${second} -> ${first} are open`);
    return 1;
  });
}

/** The zombienet entry point: `args` is the two para ids. */
async function run(nodeName, networkInfo, args) {
  return openChannels(networkInfo.nodesByName[nodeName].wsUri, args);
}

module.exports = { run };

if (require.main === module) {
  const [endpoint, ...paraIds] = process.argv.slice(2);
  if (!endpoint || paraIds.length !== 2) {
    console.error('usage: node open-hrmp-channels.js <relay ws endpoint> <para id> <para id>');
    process.exit(2);
  }
  openChannels(endpoint, paraIds).then(
    (result) => console.log(result),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
