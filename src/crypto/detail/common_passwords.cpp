#include "crypto/detail/common_passwords.hpp"

#include <algorithm>
#include <iterator>
#include <vector>

namespace lifeline::crypto::detail {
namespace {

// clang-format off
constexpr std::string_view common[] = {
    "123456", "password", "123456789", "12345678", "12345", "qwerty", "1234567", "111111",
    "1234567890", "123123", "abc123", "1234", "password1", "iloveyou", "1q2w3e4r", "000000",
    "qwerty123", "zaq12wsx", "dragon", "sunshine", "princess", "letmein", "654321", "monkey",
    "1qaz2wsx", "123321", "qwertyuiop", "superman", "asdfghjkl", "football", "baseball",
    "welcome", "admin", "master", "shadow", "michael", "jennifer", "hunter", "ashley", "bailey",
    "passw0rd", "p@ssw0rd", "trustno1", "starwars", "whatever", "freedom", "charlie", "login",
    "access", "flower", "hello", "loveme", "zaq1zaq1", "mustang", "batman", "666666", "696969",
    "7777777", "888888", "987654321", "1q2w3e", "121212", "112233", "159753", "aa123456",
    "abc123456", "qazwsx", "michelle", "jordan", "pokemon", "naruto", "killer", "soccer",
    "hockey", "ranger", "harley", "thomas", "tigger", "robert", "daniel", "andrew", "joshua",
    "matthew", "computer", "internet", "secret", "samsung", "google", "cheese", "summer",
    "winter", "pepper", "ginger", "buster", "maggie", "changeme", "welcome1", "admin123", "root",
    "toor", "test", "test123", "guest", "qwe123", "asdf1234", "zxcvbnm", "asdfgh", "gfhjkm",
    "ghbdtn", "пароль", "йцукен", "фывапролджэ", "ячсмитьбю", "123456789012", "1234567890123",
    "12345678901234", "123456789123", "123456789987", "1234567891011", "123123123123",
    "121212121212", "111222333444", "112233445566", "123412341234", "147258369147",
    "147258369258", "159753159753", "987654321987", "0987654321qwerty", "qwertyuiop12",
    "qwertyuiop123", "qwertyuiop1234", "qwertyuiopasdf", "qwertyuiopasdfgh",
    "qwertyuiopasdfghjkl", "qwertyuiopasdfghjklzxcvbnm", "qwertyuiop[]", "qwerty123456",
    "qwerty1234567", "qwerty123456789", "qwertyqwerty", "qwertyasdfgh", "qwertyasdfghzxcvbn",
    "asdfghjkl123", "asdfghjkl1234", "asdfasdfasdf", "zxcvbnm12345", "zxcvbnm123456",
    "zxcvbnmasdfghjkl", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "1q2w3e4r5t6y7u8i",
    "1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6", "q1w2e3r4t5y6u7", "q1w2e3r4t5y6u7i8", "1qaz2wsx3edc",
    "1qaz2wsx3edc4rfv", "1qazxsw23edc", "zaq12wsxcde3", "zaq1xsw2cde3", "qazwsxedcrfv",
    "qazwsxedcrfvtgb", "qazwsxedc123", "!qaz2wsx3edc", "!qaz@wsx#edc", "a1b2c3d4e5f6",
    "a1s2d3f4g5h6", "abcd1234efgh", "abc123abc123", "abcdefghijkl", "abcdefghijklm",
    "abcdefg12345", "abcdefgh1234", "qweasdzxc123", "1234qwerasdf", "1234qwerasdfzxcv",
    "qwer1234asdf", "1234567890qwerty", "1234567890qwertyuiop", "password1234", "password12345",
    "password123456", "password1234567", "password123!", "password2020", "password2021",
    "password2022", "password2023", "password2024", "password2025", "passwordpassword",
    "p@ssw0rd1234", "p@ssword1234", "passw0rd1234", "mypassword123", "mypassword1234",
    "newpassword123", "changeme1234", "changeme123!", "letmein12345", "letmein123456",
    "letmeinletmein", "welcome12345", "welcome123456", "welcome2024", "welcome2025",
    "iloveyou1234", "iloveyou12345", "iloveyou123456", "iloveyouiloveyou", "administrator",
    "administrator1", "admin1234567", "admin12345678", "adminadmin123", "rootroot1234",
    "trustno1trustno1", "correcthorsebatterystaple", "thequickbrownfox",
    "thequickbrownfoxjumpsoverthelazydog", "football1234", "baseball1234", "superman1234",
    "sunshine1234", "princess1234", "starwars1234", "whatever1234", "qwertyuiop!@",
    "1234567890-=", "1234567890!@", "!@#$%^&*()_+", "!@#$%^&*()12", "1qaz@wsx3edc",
    "gfhjkm123456", "gfhjkmgfhjkm", "ghbdtn123456", "пароль123456", "парольпароль",
    "йцукенгшщзхъ", "йцукен123456", "фывапролджэё", "йцукенфывапр", "ячсмитьбю123",
    "lifeline1234", "lifeline12345", "lifelinelifeline",
};
// clang-format on

}  // namespace

std::span<const std::string_view> common_passwords() {
  return common;
}

bool is_common_password(std::string_view lowercase_password) {
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> entries(std::begin(common), std::end(common));
    std::sort(entries.begin(), entries.end());
    return entries;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), lowercase_password);
}

}  // namespace lifeline::crypto::detail
