// SPDX-License-Identifier: Apache-2.0
// The peers benchmark's compute-heavy contract: SHA-256 (FIPS 180-4) computed in contract code,
// not by the precompile, with the interface of the SDK's `examples/sha256`:
// `hash(bytes data) returns (bytes32)`, the digest of `data`.
pragma solidity 0.8.28;

contract Sha256 {
    function hash(bytes calldata data) external pure returns (bytes32) {
        uint32[64] memory k = [
            uint32(0x428a2f98), 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
        ];
        uint32[8] memory state = [
            uint32(0x6a09e667), 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
        ];
        uint32[64] memory w;
        uint256 length = data.length;
        uint256 start;
        for (; start + 64 <= length; start += 64) {
            for (uint256 i = 0; i < 16; i++) {
                w[i] = uint32(bytes4(data[start + 4 * i:start + 4 * i + 4]));
            }
            compress(state, w, k);
        }
        // The last bytes, the 0x80 marker, zeros, and the length in bits in the last 8 bytes:
        // one block, or two if fewer than 9 bytes are left after the data.
        uint256 left = length - start;
        for (uint256 i = 0; i < 16; i++) {
            w[i] = 0;
        }
        for (uint256 i = 0; i < left; i++) {
            w[i / 4] |= uint32(uint8(data[start + i])) << (24 - 8 * (i % 4));
        }
        w[left / 4] |= uint32(0x80) << (24 - 8 * (left % 4));
        if (left + 9 > 64) {
            compress(state, w, k);
            for (uint256 i = 0; i < 16; i++) {
                w[i] = 0;
            }
        }
        w[14] = uint32((length * 8) >> 32);
        w[15] = uint32(length * 8);
        compress(state, w, k);
        uint256 digest;
        for (uint256 i = 0; i < 8; i++) {
            digest = (digest << 32) | state[i];
        }
        return bytes32(digest);
    }

    /// Folds the block in `w[0..16]` into `state` (`w` is the message schedule's space).
    function compress(uint32[8] memory state, uint32[64] memory w, uint32[64] memory k) private pure {
        unchecked {
            for (uint256 i = 16; i < 64; i++) {
                uint32 back15 = w[i - 15];
                uint32 back2 = w[i - 2];
                uint32 s0 = rotr(back15, 7) ^ rotr(back15, 18) ^ (back15 >> 3);
                uint32 s1 = rotr(back2, 17) ^ rotr(back2, 19) ^ (back2 >> 10);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }
            uint32 a = state[0];
            uint32 b = state[1];
            uint32 c = state[2];
            uint32 d = state[3];
            uint32 e = state[4];
            uint32 f = state[5];
            uint32 g = state[6];
            uint32 h = state[7];
            for (uint256 i = 0; i < 64; i++) {
                uint32 t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
                uint32 t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }
            state[0] += a;
            state[1] += b;
            state[2] += c;
            state[3] += d;
            state[4] += e;
            state[5] += f;
            state[6] += g;
            state[7] += h;
        }
    }

    function rotr(uint32 x, uint32 n) private pure returns (uint32) {
        return (x >> n) | (x << (32 - n));
    }
}
