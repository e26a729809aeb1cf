#include "domain/hotline/pdf_rewrite.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>

#include <array>
#include <exception>
#include <memory>

namespace lifeline::domain::hotline::detail {
namespace {

// Keys that make a PDF act when opened or clicked, or carry other files.
constexpr std::array<std::string_view, 5> kActiveKeys = {"/JavaScript", "/JS", "/Launch",
                                                         "/EmbeddedFiles", "/AA"};
// Action types (/S) that run code or programs.
constexpr std::array<std::string_view, 2> kActiveActions = {"/JavaScript", "/Launch"};
// Keys whose values describe the document or its authoring rather than draw it.
constexpr std::array<std::string_view, 2> kMetadataKeys = {"/Metadata", "/PieceInfo"};
// Deeper nesting of direct objects than any real PDF has; beyond it the file is refused.
constexpr int kMaxDepth = 64;

struct Refusal {
  std::string reason;
};

void check_and_strip(QPDFObjectHandle object, int depth);

void check_and_strip_dictionary(QPDFObjectHandle dictionary, int depth) {
  for (const auto key : kActiveKeys) {
    if (dictionary.hasKey(std::string(key))) {
      throw Refusal{"it holds active content (" + std::string(key.substr(1)) + ")"};
    }
  }
  if (dictionary.hasKey("/S")) {
    auto action = dictionary.getKey("/S");
    for (const auto active : kActiveActions) {
      if (action.isName() && action.getName() == active) {
        throw Refusal{"it holds active content (" + std::string(active.substr(1)) + ")"};
      }
    }
  }
  for (const auto key : kMetadataKeys) dictionary.removeKey(std::string(key));
  for (const auto& key : dictionary.getKeys()) check_and_strip(dictionary.getKey(key), depth + 1);
}

// Walks direct objects only: indirect ones are each visited from the file's object list.
void check_and_strip(QPDFObjectHandle object, int depth) {
  if (depth > kMaxDepth) throw Refusal{"its objects are nested too deeply"};
  if (object.isIndirect() && depth > 0) return;
  if (object.isStream()) {
    check_and_strip_dictionary(object.getDict(), depth);
  } else if (object.isDictionary()) {
    check_and_strip_dictionary(object, depth);
  } else if (object.isArray()) {
    for (int i = 0; i < object.getArrayNItems(); ++i) {
      check_and_strip(object.getArrayItem(i), depth + 1);
    }
  }
}

std::string written(QPDF& pdf) {
  QPDFWriter writer(pdf);
  writer.setOutputMemory();
  writer.setObjectStreamMode(qpdf_o_disable);
  // A new identifier computed from the content, not carried over from the author's file.
  writer.setDeterministicID(true);
  writer.setSuppressOriginalObjectIDs(true);
  writer.write();
  const std::unique_ptr<Buffer> buffer(writer.getBuffer());
  return {reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize()};
}

}  // namespace

PdfRewrite rewrite_pdf(std::string_view bytes) {
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.setAttemptRecovery(false);
    const std::string copy(bytes);  // qpdf reads from memory it does not own for the call
    pdf.processMemoryFile("attachment.pdf", copy.data(), copy.size());
    if (pdf.isEncrypted()) return {false, {}, "it is encrypted"};
    auto trailer = pdf.getTrailer();
    trailer.removeKey("/Info");
    trailer.removeKey("/ID");
    for (auto& object : pdf.getAllObjects()) check_and_strip(object, 0);
    check_and_strip(pdf.getRoot(), 0);
    return {true, written(pdf), {}};
  } catch (const Refusal& refusal) {
    return {false, {}, refusal.reason};
  } catch (const std::exception&) {
    return {false, {}, "it is damaged or cannot be read"};
  }
}

}  // namespace lifeline::domain::hotline::detail
