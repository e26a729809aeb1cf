// Process-wide set-up of the cryptography library.
#pragma once

namespace lifeline::crypto {

// Initialises libsodium (its random source and CPU feature detection). Safe to call from
// several threads and more than once; every other function in lifeline::crypto assumes it
// has been called. Throws std::runtime_error if the library cannot be initialised, in which
// case nothing that needs a secret or a random number can work and the program must stop.
void initialise();

}  // namespace lifeline::crypto
