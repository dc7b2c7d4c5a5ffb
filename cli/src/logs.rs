//! Contract logs as the tool reports them, and the hash state tests give for them.

use crate::rlp::Rlp;
use ewasm_primitives::{value::Word, Address};
use polkadot_sdk::sp_io::hashing::keccak_256;

/// One `log` a contract ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Log {
	/// The contract that logged.
	pub address: Address,
	/// Its topics (0 to 4).
	pub topics: Vec<Word>,
	/// Its data.
	pub data: Vec<u8>,
}

/// `keccak256(rlp([[address, [topics...], data]...]))`: the `logs` hash of Ethereum state
/// tests.
pub fn logs_hash(logs: &[Log]) -> Word {
	let items = logs
		.iter()
		.map(|log| {
			Rlp::List(vec![
				Rlp::Bytes(log.address.as_bytes()),
				Rlp::List(log.topics.iter().map(|topic| Rlp::Bytes(topic)).collect()),
				Rlp::Bytes(&log.data),
			])
		})
		.collect();
	keccak_256(&Rlp::List(items).encode())
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::parse;

	#[test]
	fn no_logs_hash_to_the_empty_list_hash() {
		let empty = "1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";
		assert_eq!(logs_hash(&[]), parse::hash(empty).unwrap());
	}

	/// The memory of the `log*Topic*` contracts of stEWASMTests: `de ad be e0` to
	/// `de ad be e6` at 0, and `ff` at 191.
	fn suite_memory() -> Vec<u8> {
		let mut memory = vec![0u8; 256];
		for (index, chunk) in memory[..28].chunks_mut(4).enumerate() {
			chunk.copy_from_slice(&[0xde, 0xad, 0xbe, 0xe0 + index as u8]);
		}
		memory[191] = 0xff;
		memory
	}

	fn suite_log(topic_offsets: &[usize]) -> Log {
		let memory = suite_memory();
		Log {
			address: parse::address("deadbeef00000000000000000000000000000000").unwrap(),
			topics: topic_offsets
				.iter()
				.map(|offset| memory[*offset..*offset + 32].try_into().unwrap())
				.collect(),
			data: memory[..255].to_vec(),
		}
	}

	/// `logZeroTopics` and `log1Topic` of stEWASMTests: 255 bytes of data, no topic or the
	/// topic at offset 8.
	#[test]
	fn logs_match_the_suite() {
		let zero_topics = "f2853382e0e83b6c1e265460048cbc307ee2a5d1fd61db29d716df4251309aec";
		assert_eq!(logs_hash(&[suite_log(&[])]), parse::hash(zero_topics).unwrap());
		let one_topic = "90bc42b75aef1d3c464d1774ddfb64be24d4487c699abd4ab6daac75b9c59967";
		assert_eq!(logs_hash(&[suite_log(&[8])]), parse::hash(one_topic).unwrap());
	}
}
