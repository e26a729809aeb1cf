#include "crypto/key_store.hpp"

#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "crypto/field_cipher.hpp"
#include "crypto/token.hpp"

namespace lifeline::crypto {
namespace {
namespace fs = std::filesystem;

constexpr std::string_view key1 = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";  // 32 x 0x01
constexpr std::string_view key2 = "AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=";  // 32 x 0x02
constexpr std::string_view key3 = "AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=";
constexpr std::string_view key4 = "BAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ=";
constexpr std::string_view key31 = "BQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQ==";  // 31 bytes

std::string valid_text() {
  return "# comment\n"
         "format lifeline-keys 1\n"
         "\n"
         "field-key 1 " +
         std::string(key1) +
         "\n"
         "field-key 2 " +
         std::string(key2) +
         "\n"
         "current 2\n"
         "blind-index-key " +
         std::string(key3) +
         "\n"
         "session-key " +
         std::string(key4) + "\n";
}

mode_t mode_of(const fs::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0);
  return status.st_mode & 07777U;
}

class KeyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lifeline-key-store-test-" + random_token(9));
    fs::create_directories(dir_);
    path_ = dir_ / "keys" / "lifeline.keys";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `text` as the key file with the given mode.
  void write(const std::string& text, mode_t mode = 0600) {
    fs::create_directories(path_.parent_path());
    std::ofstream(path_) << text;
    ASSERT_EQ(::chmod(path_.c_str(), mode), 0);
  }

  Error load_error() {
    auto keys = KeyStore::load(path_);
    EXPECT_FALSE(keys.has_value());
    return keys ? Error{} : keys.error();
  }

  fs::path dir_;
  fs::path path_;
};

TEST_F(KeyFile, CreateWritesAPrivateFileThatLoadsBack) {
  auto created = KeyStore::create(path_);
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(mode_of(path_), 0600U);
  EXPECT_EQ(mode_of(path_.parent_path()), 0700U);
  EXPECT_EQ(created->current_field_key_id(), 1U);

  auto loaded = KeyStore::load(path_);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_TRUE(loaded->same_keys_as(*created));
  EXPECT_FALSE(loaded->same_keys_as(KeyStore::generate_in_memory()));
  // No temporary file is left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(path_.parent_path()), {}), 1);
}

TEST_F(KeyFile, CreateRefusesToReplaceAnExistingFile) {
  auto first = KeyStore::create(path_);
  ASSERT_TRUE(first.has_value());
  auto second = KeyStore::create(path_);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, Errc::conflict);
  EXPECT_TRUE(KeyStore::load(path_)->same_keys_as(*first));
}

TEST_F(KeyFile, GeneratedKeysAreDistinct) {
  const KeyStore keys = KeyStore::generate_in_memory();
  const auto field = keys.current_field_key().key.bytes();
  EXPECT_FALSE(std::equal(field.begin(), field.end(), keys.blind_index_key().begin()));
  EXPECT_FALSE(std::equal(keys.session_key().begin(), keys.session_key().end(),
                          keys.blind_index_key().begin()));
}

TEST_F(KeyFile, LoadOfAMissingFileSaysWhatToDo) {
  const Error error = load_error();
  EXPECT_EQ(error.code, Errc::not_found);
  EXPECT_EQ(error.message, "key file " + path_.string() +
                               " not found: restore it from your backup, or run `lifeline "
                               "migrate` on a new, empty database to create one");
}

TEST_F(KeyFile, LoadRefusesAFileOtherUsersCanAccess) {
  for (const mode_t mode : {0644U, 0640U, 0604U, 0620U, 0660U}) {
    write(valid_text(), mode);
    const Error error = load_error();
    EXPECT_EQ(error.code, Errc::forbidden);
    char expected_mode[8];
    std::snprintf(expected_mode, sizeof expected_mode, "%04o", mode);
    EXPECT_EQ(error.message, "key file " + path_.string() + " is accessible to other users (mode " +
                                 expected_mode + "): run chmod 600 " + path_.string());
  }
  write(valid_text(), 0400);
  EXPECT_TRUE(KeyStore::load(path_).has_value());
}

TEST_F(KeyFile, LoadReadsEntriesCommentsAndWindowsLineEnds) {
  std::string text = valid_text();
  for (std::size_t pos = 0; (pos = text.find('\n', pos)) != std::string::npos; pos += 2) {
    text.insert(pos, "\r");
  }
  write(text);
  auto keys = KeyStore::load(path_);
  ASSERT_TRUE(keys.has_value()) << keys.error().message;
  EXPECT_EQ(keys->current_field_key_id(), 2U);
  EXPECT_EQ(keys->field_key_ids(), (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(keys->field_key(1)->key.bytes()[0], 0x01);
  EXPECT_EQ(keys->field_key(2)->key.bytes()[31], 0x02);
  EXPECT_EQ(keys->field_key(3), nullptr);
  EXPECT_EQ(keys->blind_index_key()[0], 0x03);
  EXPECT_EQ(keys->session_key()[0], 0x04);
}

struct MalformedCase {
  std::string text;
  std::string expected;  // part of the message
};

TEST_F(KeyFile, LoadReportsMalformedLinesWithoutKeyMaterial) {
  const std::string format = "format lifeline-keys 1\n";
  const std::string rest = "current 1\nblind-index-key " + std::string(key3) + "\nsession-key " +
                           std::string(key4) + "\n";
  const std::string field1 = "field-key 1 " + std::string(key1) + "\n";
  const std::vector<MalformedCase> cases = {
      {"field-key 1 " + std::string(key1) + "\n" + rest, "line 1: the first entry must be"},
      {"format lifeline-keys 2\n" + field1 + rest, "line 1: the first entry must be"},
      {format + "field-key 1 " + std::string(key31) + "\n" + rest,
       "line 2: field-key 1 is not 32 bytes in base64"},
      {format + "field-key 1 " + std::string(key1).substr(0, 20) + "\n" + rest,
       "line 2: field-key 1 is not 32 bytes in base64"},
      {format + "field-key one " + std::string(key1) + "\n" + rest,
       "line 2: field-key must be followed by an id"},
      {format + "field-key 0 " + std::string(key1) + "\n" + rest,
       "line 2: field-key must be followed by an id"},
      {format + field1 + "field-key 1 " + std::string(key2) + "\n" + rest,
       "line 3: field-key ids must increase (1 after 1)"},
      {format + "# wrapped line below\n" + field1 + std::string(key2) + "\n" + rest,
       "line 4: unknown entry"},
      {format + field1 + rest + "current 1\n", "line 6: second current entry"},
      {format + field1 + rest + "session-key " + std::string(key2) + "\n",
       "line 6: second session-key entry"},
      {format + field1 + "current 1\nblind-index-key " + std::string(key1) + " extra\n",
       "line 4: blind-index-key must be followed by 32 bytes in base64"},
      {format + field1 + "current 1\nblind-index-key " + std::string(key3) + "\n",
       "is incomplete: it has no session-key entry"},
      {format + rest, "is incomplete: it has no field-key entry"},
      {"", "is incomplete: it has no `format lifeline-keys 1` line"},
      {format + "field-key 2 " + std::string(key2) + "\n" + rest,
       "current names field key 1, which it does not hold"},
  };
  for (const MalformedCase& c : cases) {
    SCOPED_TRACE(c.expected);
    write(c.text);
    const Error error = load_error();
    EXPECT_EQ(error.code, Errc::malformed);
    EXPECT_TRUE(error.message.starts_with("key file " + path_.string())) << error.message;
    EXPECT_NE(error.message.find(c.expected), std::string::npos) << error.message;
    for (const std::string_view key : {key1, key2, key3, key4, key31}) {
      EXPECT_EQ(error.message.find(key.substr(0, 16)), std::string::npos) << error.message;
    }
  }
}

TEST_F(KeyFile, RotationKeepsOldKeysAndStaysPrivate) {
  auto keys = KeyStore::create(path_);
  ASSERT_TRUE(keys.has_value());
  const FieldContext place{"person", "full_name", 7};
  const auto old_sealed = FieldCipher(*keys).encrypt("Ana Popescu", place).value();
  ASSERT_EQ(FieldCipher::key_id_of(old_sealed), 1U);

  const auto rotated = keys->rotate(path_);
  ASSERT_TRUE(rotated.has_value()) << rotated.error().message;
  EXPECT_EQ(*rotated, 2U);
  EXPECT_EQ(keys->current_field_key_id(), 2U);
  EXPECT_EQ(mode_of(path_), 0600U);

  auto reloaded = KeyStore::load(path_);
  ASSERT_TRUE(reloaded.has_value()) << reloaded.error().message;
  EXPECT_TRUE(reloaded->same_keys_as(*keys));
  EXPECT_EQ(reloaded->field_key_ids(), (std::vector<std::uint32_t>{1, 2}));

  const FieldCipher cipher(*reloaded);
  EXPECT_EQ(cipher.decrypt(old_sealed, place).value(), "Ana Popescu");
  const auto new_sealed = cipher.encrypt("Ana Popescu", place).value();
  EXPECT_EQ(FieldCipher::key_id_of(new_sealed), 2U);
  const auto reencrypted = cipher.reencrypt(old_sealed, place).value();
  EXPECT_EQ(FieldCipher::key_id_of(reencrypted), 2U);
  EXPECT_EQ(cipher.decrypt(reencrypted, place).value(), "Ana Popescu");
}

TEST_F(KeyFile, RotationLeavesBlindIndexAndSessionKeysAlone) {
  auto keys = KeyStore::create(path_);
  ASSERT_TRUE(keys.has_value());
  const auto blind_before = keys->blind_index_key()[0];
  const auto session_before = keys->session_key()[5];
  ASSERT_TRUE(keys->rotate(path_).has_value());
  ASSERT_TRUE(keys->rotate(path_).has_value());
  EXPECT_EQ(keys->blind_index_key()[0], blind_before);
  EXPECT_EQ(keys->session_key()[5], session_before);
  EXPECT_EQ(keys->field_key_ids(), (std::vector<std::uint32_t>{1, 2, 3}));
}

TEST_F(KeyFile, RotationRefusesWhenTheFileChangedSinceLoading) {
  auto first = KeyStore::create(path_);
  ASSERT_TRUE(first.has_value());
  auto second = KeyStore::load(path_);
  ASSERT_TRUE(second->rotate(path_).has_value());
  const auto refused = first->rotate(path_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Errc::conflict);
  EXPECT_EQ(first->current_field_key_id(), 1U);
  EXPECT_TRUE(KeyStore::load(path_)->same_keys_as(*second));  // key 2 was not lost
}

TEST_F(KeyFile, RotationFailureLeavesTheStoreAsItWas) {
  auto keys = KeyStore::create(path_);
  ASSERT_TRUE(keys.has_value());
  const auto result = keys->rotate(dir_ / "elsewhere.keys");  // no such file
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(keys->current_field_key_id(), 1U);
  EXPECT_EQ(keys->field_key_ids(), (std::vector<std::uint32_t>{1}));
}

TEST_F(KeyFile, RotationThroughASymbolicLinkUpdatesTheTarget) {
  ASSERT_TRUE(KeyStore::create(path_).has_value());
  const fs::path link = dir_ / "current.keys";
  fs::create_symlink(path_, link);
  auto keys = KeyStore::load(link);
  ASSERT_TRUE(keys.has_value());
  ASSERT_TRUE(keys->rotate(link).has_value());
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(KeyStore::load(path_)->field_key_ids(), (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(mode_of(path_), 0600U);
}

TEST_F(KeyFile, RetireRemovesOnlyUnusedOldKeys) {
  auto keys = KeyStore::create(path_);
  ASSERT_TRUE(keys.has_value());
  ASSERT_TRUE(keys->rotate(path_).has_value());

  const auto current = keys->retire(2, path_);
  ASSERT_FALSE(current.has_value());
  EXPECT_EQ(current.error().code, Errc::conflict);
  const auto unknown = keys->retire(9, path_);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, Errc::not_found);

  ASSERT_TRUE(keys->retire(1, path_).has_value());
  EXPECT_EQ(keys->field_key(1), nullptr);
  auto reloaded = KeyStore::load(path_);
  ASSERT_TRUE(reloaded.has_value());
  EXPECT_EQ(reloaded->field_key_ids(), (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(mode_of(path_), 0600U);
}

TEST_F(KeyFile, RefreshAddsARotatedKeyAndAdoptsTheNewCurrent) {
  ASSERT_TRUE(KeyStore::create(path_).has_value());
  auto server = KeyStore::load(path_);
  auto tool = KeyStore::load(path_);
  ASSERT_TRUE(server.has_value() && tool.has_value());
  const FieldKey* first_key = server->field_key(1);
  const FieldKey& first_current = server->current_field_key();
  ASSERT_TRUE(tool->rotate(path_).has_value());
  ASSERT_TRUE(tool->rotate(path_).has_value());

  const auto refreshed = server->refresh(path_);
  ASSERT_TRUE(refreshed.has_value()) << refreshed.error().message;
  EXPECT_TRUE(*refreshed);
  EXPECT_EQ(server->field_key_ids(), (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_EQ(server->current_field_key_id(), 3U);
  EXPECT_TRUE(server->same_keys_as(*tool));
  // Keys handed out before the refresh stay where they were.
  EXPECT_EQ(server->field_key(1), first_key);
  EXPECT_EQ(&first_current, first_key);
  EXPECT_EQ(first_current.id, 1U);

  const auto again = server->refresh(path_);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_FALSE(*again);
}

TEST_F(KeyFile, RefreshReturnsFalseWhenNothingChanged) {
  ASSERT_TRUE(KeyStore::create(path_).has_value());
  auto keys = KeyStore::load(path_);
  ASSERT_TRUE(keys.has_value());
  const auto refreshed = keys->refresh(path_);
  ASSERT_TRUE(refreshed.has_value()) << refreshed.error().message;
  EXPECT_FALSE(*refreshed);
  EXPECT_EQ(keys->field_key_ids(), (std::vector<std::uint32_t>{1}));
}

TEST_F(KeyFile, RefreshAdoptsACurrentKeyTheStoreAlreadyHolds) {
  write(valid_text());  // keys 1 and 2, current 2
  auto keys = KeyStore::load(path_);
  ASSERT_TRUE(keys.has_value());
  std::string text = valid_text();
  text.replace(text.find("current 2"), 9, "current 1");
  write(text);
  const auto refreshed = keys->refresh(path_);
  ASSERT_TRUE(refreshed.has_value()) << refreshed.error().message;
  EXPECT_TRUE(*refreshed);
  EXPECT_EQ(keys->current_field_key_id(), 1U);
  EXPECT_EQ(keys->field_key_ids(), (std::vector<std::uint32_t>{1, 2}));
}

TEST_F(KeyFile, RefreshRefusesAFileThatLostAKey) {
  ASSERT_TRUE(KeyStore::create(path_).has_value());
  auto server = KeyStore::load(path_);
  auto tool = KeyStore::load(path_);
  ASSERT_TRUE(server.has_value() && tool.has_value());
  const FieldContext place{"person", "full_name", 3};
  const auto old_sealed = FieldCipher(*server).encrypt("Ana Popescu", place).value();
  ASSERT_TRUE(tool->rotate(path_).has_value());
  ASSERT_TRUE(tool->retire(1, path_).has_value());

  const auto refused = server->refresh(path_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Errc::conflict);
  EXPECT_EQ(refused.error().message,
            "key file " + path_.string() +
                " no longer holds field key 1: not following it, the keys in memory stay in use "
                "(after retiring a key, restart the processes that use the file)");
  EXPECT_EQ(server->field_key_ids(), (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(server->current_field_key_id(), 1U);
  EXPECT_EQ(FieldCipher(*server).decrypt(old_sealed, place).value(), "Ana Popescu");
}

struct ChangedFileCase {
  std::string_view replaced;   // a line of valid_text()
  std::string replacement;     // what stands there instead
  std::string_view complaint;  // part of the message
};

TEST_F(KeyFile, RefreshRefusesChangedKeysAndKeepsMemoryIntact) {
  const std::string key5 = "BQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU=";  // 32 x 0x05
  // Each case also adds a key 3 and makes it current, which must not be adopted either.
  const std::vector<ChangedFileCase> cases = {
      {"field-key 1 ", "field-key 1 " + key5, "holds different bytes for field key 1"},
      {"field-key 2 ", "field-key 2 " + key5, "holds different bytes for field key 2"},
      {"blind-index-key ", "blind-index-key " + key5, "holds a different blind-index-key"},
      {"session-key ", "session-key " + key5, "holds a different session-key"},
  };
  const FieldContext place{"person", "full_name", 11};
  for (const ChangedFileCase& c : cases) {
    SCOPED_TRACE(c.complaint);
    write(valid_text());
    auto keys = KeyStore::load(path_);
    ASSERT_TRUE(keys.has_value());
    const auto sealed = FieldCipher(*keys).encrypt("Ana Popescu", place).value();

    std::string text = valid_text();
    const std::size_t line = text.find(c.replaced);
    text.replace(line, text.find('\n', line) - line, c.replacement);
    text.replace(text.find("current 2"), 9, "field-key 3 " + key5 + "\ncurrent 3");
    write(text);
    ASSERT_TRUE(KeyStore::load(path_).has_value()) << "the changed file itself is valid";

    const auto refused = keys->refresh(path_);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, Errc::conflict);
    EXPECT_NE(refused.error().message.find(c.complaint), std::string::npos)
        << refused.error().message;
    EXPECT_EQ(refused.error().message.find(key5.substr(0, 16)), std::string::npos);
    EXPECT_EQ(keys->field_key_ids(), (std::vector<std::uint32_t>{1, 2}));
    EXPECT_EQ(keys->current_field_key_id(), 2U);
    EXPECT_EQ(keys->field_key(1)->key.bytes()[0], 0x01);
    EXPECT_EQ(keys->blind_index_key()[0], 0x03);
    EXPECT_EQ(keys->session_key()[0], 0x04);
    EXPECT_EQ(FieldCipher(*keys).decrypt(sealed, place).value(), "Ana Popescu");
  }
}

TEST_F(KeyFile, RefreshReportsAnUnreadableFileAndKeepsMemory) {
  write(valid_text());
  auto keys = KeyStore::load(path_);
  ASSERT_TRUE(keys.has_value());
  const auto refresh_error = [&] {
    const auto refreshed = keys->refresh(path_);
    EXPECT_FALSE(refreshed.has_value());
    return refreshed ? Errc::internal : refreshed.error().code;
  };
  write(valid_text(), 0644);
  EXPECT_EQ(refresh_error(), Errc::forbidden);
  write("format lifeline-keys 1\ncurrent 1\n");
  EXPECT_EQ(refresh_error(), Errc::malformed);
  fs::remove(path_);
  EXPECT_EQ(refresh_error(), Errc::not_found);
  EXPECT_EQ(keys->field_key_ids(), (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(keys->current_field_key_id(), 2U);
}

TEST_F(KeyFile, KeyStoreIsMovable) {
  KeyStore keys = KeyStore::generate_in_memory();
  const std::uint8_t first_byte = keys.blind_index_key()[0];
  KeyStore moved = std::move(keys);
  EXPECT_EQ(moved.blind_index_key()[0], first_byte);
  KeyStore assigned = KeyStore::generate_in_memory();
  assigned = std::move(moved);
  EXPECT_EQ(assigned.blind_index_key()[0], first_byte);
  EXPECT_NE(assigned.field_key(1), nullptr);
}

}  // namespace
}  // namespace lifeline::crypto
