// SHA-256 (OpenSSL's libcrypto), as lowercase hex: how an article's text is recognised under
// another name or when fed again.
#pragma once

#include <string>
#include <string_view>

namespace kg::base {

std::string sha256_hex(std::string_view data);

}  // namespace kg::base
