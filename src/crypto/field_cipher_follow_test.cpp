// FieldCipher following the key file, so running servers take part in a rotation.
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "crypto/field_cipher.hpp"
#include "crypto/token.hpp"

namespace lifeline::crypto {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::chrono::hours never{1};  // longer than any test runs

class FollowKeyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lifeline-follow-test-" + random_token(9));
    path_ = dir_ / "lifeline.keys";
    ASSERT_TRUE(KeyStore::create(path_).has_value());
    server_.emplace(KeyStore::load(path_).value());
    tool_.emplace(KeyStore::load(path_).value());
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Rotates with the tool's KeyStore, as `lifeline keys rotate` does in another process.
  std::uint32_t rotate() {
    auto rotated = tool_->rotate(path_);
    EXPECT_TRUE(rotated.has_value()) << rotated.error().message;
    return rotated.value_or(0);
  }

  std::vector<std::uint8_t> seal_with_tool(std::string_view text, const FieldContext& place) {
    return FieldCipher(*tool_).encrypt(text, place).value();
  }

  // A sealed value naming key `id`, which no key file here holds.
  std::vector<std::uint8_t> naming_key(std::uint32_t id) {
    auto sealed = FieldCipher(*tool_).encrypt("x", place_).value();
    sealed[1] = static_cast<std::uint8_t>(id >> 24U);
    sealed[2] = static_cast<std::uint8_t>(id >> 16U);
    sealed[3] = static_cast<std::uint8_t>(id >> 8U);
    sealed[4] = static_cast<std::uint8_t>(id);
    return sealed;
  }

  fs::path dir_;
  fs::path path_;
  std::optional<KeyStore> server_;  // what a running `lifeline serve` loaded at start
  std::optional<KeyStore> tool_;    // what `lifeline keys rotate` loads
  FieldContext place_{"person", "full_name", 5};
};

TEST_F(FollowKeyFile, DecryptsValuesSealedWithAKeyAddedAfterLoading) {
  const FieldCipher following(*server_, path_);
  rotate();
  const auto sealed = seal_with_tool("Ana Popescu", place_);
  ASSERT_EQ(FieldCipher::key_id_of(sealed), 2U);

  const auto opened = following.decrypt(sealed, place_);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  EXPECT_EQ(*opened, "Ana Popescu");
  EXPECT_EQ(server_->field_key_ids(), (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(following.last_refresh_error(), std::nullopt);
}

TEST_F(FollowKeyFile, ACipherWithoutTheKeyFileDoesNotFollow) {
  const FieldCipher fixed(*server_);
  rotate();
  const auto opened = fixed.decrypt(seal_with_tool("Ana Popescu", place_), place_);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().message, "encrypted with key 2 which the key file does not hold");
  EXPECT_EQ(server_->field_key_ids(), (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(fixed.key_file_reads(), 0U);
}

TEST_F(FollowKeyFile, EncryptUsesANewlyCurrentKey) {
  const FieldCipher following(*server_, path_, 0ms);
  EXPECT_EQ(FieldCipher::key_id_of(following.encrypt("a", place_).value()), 1U);
  rotate();
  const auto sealed = following.encrypt("b", place_).value();
  EXPECT_EQ(FieldCipher::key_id_of(sealed), 2U);
  EXPECT_EQ(FieldCipher(*tool_).decrypt(sealed, place_).value(), "b");
}

TEST_F(FollowKeyFile, EncryptChecksTheFileOnlyOncePerInterval) {
  const FieldCipher following(*server_, path_, never);
  EXPECT_EQ(FieldCipher::key_id_of(following.encrypt("a", place_).value()), 1U);
  EXPECT_EQ(following.key_file_reads(), 1U);  // the first check reads the file
  rotate();
  EXPECT_EQ(FieldCipher::key_id_of(following.encrypt("b", place_).value()), 1U);
  EXPECT_EQ(following.key_file_reads(), 1U);
}

TEST_F(FollowKeyFile, EncryptReadsAnUnchangedFileOnlyOnce) {
  const FieldCipher following(*server_, path_, 0ms);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(following.encrypt("a", place_).has_value());
  EXPECT_EQ(following.key_file_reads(), 1U);
}

TEST_F(FollowKeyFile, AFailedRefreshKeepsTheCurrentKeyAndIsReported) {
  const FieldCipher following(*server_, path_, 0ms);
  rotate();
  ASSERT_EQ(::chmod(path_.c_str(), 0644), 0);
  const auto sealed = following.encrypt("a", place_);
  ASSERT_TRUE(sealed.has_value());
  EXPECT_EQ(FieldCipher::key_id_of(*sealed), 1U);
  ASSERT_TRUE(following.last_refresh_error().has_value());
  EXPECT_EQ(following.last_refresh_error()->code, Errc::forbidden);

  ASSERT_EQ(::chmod(path_.c_str(), 0600), 0);
  EXPECT_EQ(FieldCipher::key_id_of(following.encrypt("b", place_).value()), 2U);
  EXPECT_EQ(following.last_refresh_error(), std::nullopt);
}

TEST_F(FollowKeyFile, ARetiredKeyStopsFollowingButNotWorking) {
  const FieldCipher following(*server_, path_, 0ms);
  const auto old_sealed = following.encrypt("a", place_).value();
  rotate();
  ASSERT_TRUE(tool_->retire(1, path_).has_value());
  EXPECT_TRUE(following.encrypt("b", place_).has_value());
  ASSERT_TRUE(following.last_refresh_error().has_value());
  EXPECT_EQ(following.last_refresh_error()->code, Errc::conflict);
  EXPECT_EQ(following.decrypt(old_sealed, place_).value(), "a");
}

TEST_F(FollowKeyFile, UnknownKeyIdsDoNotMakeItReadAnUnchangedFileAgain) {
  const FieldCipher following(*server_, path_, never, never);
  const auto garbage = naming_key(9);
  for (int i = 0; i < 100; ++i) {
    const auto opened = following.decrypt(garbage, place_);
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().message, "encrypted with key 9 which the key file does not hold");
  }
  EXPECT_EQ(following.key_file_reads(), 1U);

  // A changed file is read at once all the same: a rotation is never held up.
  rotate();
  const auto opened = following.decrypt(seal_with_tool("Ana", place_), place_);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  EXPECT_EQ(following.key_file_reads(), 2U);
}

TEST_F(FollowKeyFile, AnUnchangedFileIsReadAgainAfterTheForcedInterval) {
  const FieldCipher following(*server_, path_, never, 200ms);
  const auto garbage = naming_key(9);
  EXPECT_FALSE(following.decrypt(garbage, place_).has_value());
  EXPECT_FALSE(following.decrypt(garbage, place_).has_value());
  EXPECT_EQ(following.key_file_reads(), 1U);
  std::this_thread::sleep_for(250ms);
  EXPECT_FALSE(following.decrypt(garbage, place_).has_value());
  EXPECT_EQ(following.key_file_reads(), 2U);
}

TEST_F(FollowKeyFile, CopiesShareTheRateLimit) {
  const FieldCipher following(*server_, path_, never, never);
  // The copy is what this test is about.
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization)
  const FieldCipher copy = following;
  const auto garbage = naming_key(9);
  EXPECT_FALSE(following.decrypt(garbage, place_).has_value());
  EXPECT_FALSE(copy.decrypt(garbage, place_).has_value());
  EXPECT_EQ(copy.key_file_reads(), 1U);
}

// A published value sealed by the rotating tool, for the request threads to open.
struct Published {
  std::vector<std::uint8_t> sealed;
  std::int64_t row = 0;
};

TEST_F(FollowKeyFile, RequestThreadsKeepWorkingThroughRotations) {
  constexpr int rotations = 20;
  const FieldCipher following(*server_, path_, 0ms);
  std::mutex published_mutex;
  Published published{following.encrypt("row 0", {"person", "full_name", 0}).value(), 0};
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<int> rounds{0};
  std::mutex failure_mutex;
  std::string first_failure;
  const auto failed = [&](const std::string& what) {
    const std::lock_guard lock(failure_mutex);
    if (failures.fetch_add(1) == 0) first_failure = what;
  };

  const auto serve = [&](std::int64_t thread) {
    for (std::int64_t i = 0; !done.load() || i == 0; ++i) {
      const FieldContext own{"person", "full_name", 1000 * thread + i};
      const auto sealed = following.encrypt("own value", own);
      if (!sealed || following.decrypt(*sealed, own).value_or("") != "own value") {
        failed("own value");
      }
      Published latest;
      {
        const std::lock_guard lock(published_mutex);
        latest = published;
      }
      const FieldContext place{"person", "full_name", latest.row};
      const auto text = following.decrypt(latest.sealed, place);
      if (!text) failed(text.error().message);
      if (text && *text != "row " + std::to_string(latest.row)) failed("wrong text");
      rounds.fetch_add(1);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t <= 4; ++t) threads.emplace_back(serve, t);

  for (std::int64_t row = 1; row <= rotations; ++row) {
    // No ASSERT here: the threads must be joined whatever happens.
    const auto rotated = tool_->rotate(path_);
    if (!rotated) {
      failed(rotated.error().message);
      break;
    }
    auto sealed = seal_with_tool("row " + std::to_string(row), {"person", "full_name", row});
    {
      const std::lock_guard lock(published_mutex);
      published = {std::move(sealed), row};
    }
    if (row % 2 == 0 && !server_->refresh(path_)) failed("refresh");
    std::this_thread::sleep_for(1ms);
  }
  done.store(true);
  for (std::thread& thread : threads) thread.join();

  EXPECT_EQ(failures.load(), 0) << first_failure;
  EXPECT_GE(rounds.load(), 4);
  EXPECT_EQ(server_->field_key_ids().size(), rotations + 1U);
  EXPECT_EQ(FieldCipher::key_id_of(following.encrypt("a", place_).value()), rotations + 1U);
}

}  // namespace
}  // namespace lifeline::crypto
