#include "http/json_body.hpp"

#include <gtest/gtest.h>

namespace lifeline::http {
namespace {

Request json_request(std::string body, std::string content_type = "application/json") {
  Request request;
  request.method = Method::post;
  request.headers.set("Content-Type", std::move(content_type));
  request.body = std::move(body);
  return request;
}

TEST(ParseJsonBody, AcceptsAnObjectWithJsonContentType) {
  for (const char* type :
       {"application/json", "application/json; charset=utf-8", "Application/JSON"}) {
    const auto parsed = parse_json_body(json_request(R"({"a": 1})", type));
    ASSERT_TRUE(parsed) << type;
    EXPECT_EQ((*parsed)["a"], 1);
  }
}

TEST(ParseJsonBody, RejectsOtherContentTypes) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/jsonx",
                           "multipart/form-data; boundary=x"}) {
    const auto parsed = parse_json_body(json_request(R"({"a": 1})", type));
    ASSERT_FALSE(parsed) << type;
    EXPECT_EQ(parsed.error().code, Errc::unsupported_media_type);
  }
  Request without_type;
  without_type.body = "{}";
  EXPECT_EQ(parse_json_body(without_type).error().code, Errc::unsupported_media_type);
}

TEST(ParseJsonBody, RejectsAnEmptyBody) {
  const auto parsed = parse_json_body(json_request(""));
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, Errc::malformed);
  EXPECT_EQ(parsed.error().message, "request body is empty");
}

TEST(ParseJsonBody, GivesThePositionButNotTheContentOfInvalidJson) {
  const auto parsed = parse_json_body(json_request(R"({"name": "Secret Person",})"));
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, Errc::malformed);
  EXPECT_NE(parsed.error().message.find("byte"), std::string::npos);
  EXPECT_EQ(parsed.error().message.find("Secret"), std::string::npos);
}

TEST(ParseJsonBody, RejectsInvalidUtf8) {
  const auto parsed = parse_json_body(json_request("{\"name\": \"Ana\xff\"}"));
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, Errc::malformed);
  EXPECT_NE(parsed.error().message.find("UTF-8"), std::string::npos);
  EXPECT_EQ(parsed.error().message.find("Ana"), std::string::npos);
}

TEST(ParseJsonBody, RefusesNumbersTooLargeToRead) {
  for (const char* body : {R"({"people_count": 1e999})", "3333e3333", R"({"a": [-1e400]})"}) {
    Request request;
    request.headers.set("Content-Type", "application/json");
    request.body = body;
    const auto parsed = parse_json_body(request);
    ASSERT_FALSE(parsed) << body;
    EXPECT_EQ(parsed.error().code, Errc::malformed) << body;
  }
}

TEST(ParseJsonBody, RequiresAnObjectAtTheTopLevel) {
  for (const char* body : {"[1,2]", "\"text\"", "42", "null"}) {
    const auto parsed = parse_json_body(json_request(body));
    ASSERT_FALSE(parsed) << body;
    EXPECT_EQ(parsed.error().code, Errc::invalid_argument) << body;
  }
}

TEST(ParseJsonBody, RejectsDuplicateKeysAndDeepNesting) {
  EXPECT_EQ(parse_json_body(json_request(R"({"role": "a", "role": "b"})")).error().code,
            Errc::malformed);
  EXPECT_TRUE(parse_json_body(json_request(R"({"a": {"x": 1}, "b": {"x": 2}})")));
  const std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_EQ(parse_json_body(json_request(deep)).error().code, Errc::malformed);
}

TEST(JsonFields, ReadsTypedFields) {
  const nlohmann::json object = {
      {"name", "Shelter A"}, {"beds", 12}, {"open", true}, {"tags", {"legal", "medical"}}};
  JsonFields fields(object);
  EXPECT_EQ(fields.text("name", true, 100), "Shelter A");
  EXPECT_EQ(fields.integer("beds", true), 12);
  EXPECT_EQ(fields.boolean("open", true), true);
  EXPECT_EQ(fields.text_list("tags", true, 5), (std::vector<std::string>{"legal", "medical"}));
  EXPECT_EQ(fields.text("note", false, 100), std::nullopt);
  EXPECT_TRUE(fields.finish());
}

std::vector<FieldError> errors_of(JsonFields& fields) {
  auto finished = fields.finish();
  EXPECT_FALSE(finished);
  if (finished) return {};
  EXPECT_EQ(finished.error().code, Errc::invalid_argument);
  EXPECT_EQ(finished.error().type, "validation");
  return finished.error().fields;
}

TEST(JsonFields, ReportsUnknownFields) {
  const nlohmann::json object = {{"name", "x"}, {"is_admin", true}};
  JsonFields fields(object);
  fields.text("name", true, 10);
  const auto errors = errors_of(fields);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].field, "is_admin");
  EXPECT_EQ(errors[0].message, "unknown field");
}

TEST(JsonFields, ReportsWrongTypesWithoutTheValue) {
  const nlohmann::json object = {
      {"name", 5}, {"beds", "Maria Secret"}, {"open", "yes"}, {"tags", {1, 2}}, {"count", 1.5}};
  JsonFields fields(object);
  EXPECT_EQ(fields.text("name", true, 10), std::nullopt);
  EXPECT_EQ(fields.integer("beds", true), std::nullopt);
  EXPECT_EQ(fields.boolean("open", true), std::nullopt);
  EXPECT_EQ(fields.text_list("tags", true, 5), std::nullopt);
  EXPECT_EQ(fields.integer("count", true), std::nullopt);
  const auto errors = errors_of(fields);
  ASSERT_EQ(errors.size(), 5U);
  EXPECT_EQ(errors[0].field, "name");
  EXPECT_EQ(errors[0].message, "must be text");
  EXPECT_EQ(errors[1].message, "must be an integer");
  EXPECT_EQ(errors[2].message, "must be true or false");
  EXPECT_EQ(errors[3].message, "must be a list of text");
  for (const auto& error : errors) EXPECT_EQ(error.message.find("Secret"), std::string::npos);
}

TEST(JsonFields, ReportsMissingRequiredFields) {
  const nlohmann::json object = {{"optional", nullptr}, {"blank", "  "}};
  JsonFields fields(object);
  fields.text("name", true, 10);
  fields.integer("age", true);
  fields.text("optional", false, 10);
  fields.text("blank", true, 10);
  const auto errors = errors_of(fields);
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].field, "name");
  EXPECT_EQ(errors[0].message, "is required");
  EXPECT_EQ(errors[1].field, "age");
  EXPECT_EQ(errors[2].field, "blank");
  EXPECT_EQ(errors[2].message, "must not be empty");
}

TEST(JsonFields, EnforcesMaximumLengthInCharacters) {
  const nlohmann::json object = {{"short", "\xC3\xA9\xC3\xA9\xC3\xA9"}, {"long", "abcdef"}};
  JsonFields fields(object);
  EXPECT_EQ(fields.text("short", true, 3), "\xC3\xA9\xC3\xA9\xC3\xA9");  // 3 characters, 6 bytes
  EXPECT_EQ(fields.text("long", true, 5), std::nullopt);
  const auto errors = errors_of(fields);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].field, "long");
  EXPECT_EQ(errors[0].message, "must be at most 5 characters");
}

TEST(JsonFields, EnforcesListLimits) {
  const nlohmann::json object = {{"many", {"a", "b", "c"}}, {"wide", {"abcdef"}}};
  JsonFields fields(object);
  EXPECT_EQ(fields.text_list("many", true, 2), std::nullopt);
  EXPECT_EQ(fields.text_list("wide", true, 2, 3), std::nullopt);
  const auto errors = errors_of(fields);
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0].message, "must have at most 2 items");
}

TEST(JsonFields, AcceptsHandlerRulesAndRawFields) {
  const nlohmann::json object = {{"period", {{"from", "2024-01-01"}}}};
  JsonFields fields(object);
  EXPECT_NE(fields.raw("period", true), nullptr);
  fields.add_error("period", "must have an end");
  const auto errors = errors_of(fields);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].message, "must have an end");
}

TEST(JsonFields, TruncatesLongUnknownFieldNames) {
  const nlohmann::json object = {{std::string(500, 'k'), 1}};
  JsonFields fields(object);
  const auto errors = errors_of(fields);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].field, std::string(61, 'k') + "...");
  // Cut between characters: a two-byte letter is never split.
  const nlohmann::json cyrillic = {{std::string(31, 'k') + "жжжж", 1}};
  JsonFields letters(cyrillic);
  const auto cut = errors_of(letters);
  ASSERT_EQ(cut.size(), 1U);
  EXPECT_EQ(cut[0].field, std::string(31, 'k') + "жжжж");
  const nlohmann::json longer = {{std::string(60, 'k') + "жжжж", 1}};
  JsonFields more(longer);
  EXPECT_EQ(errors_of(more)[0].field, std::string(60, 'k') + "...");
}

}  // namespace
}  // namespace lifeline::http
