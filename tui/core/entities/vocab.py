"""Closed word lists the rules rely on: surnames, titles, organisation heads, place levels.

These are facts about Vietnamese and its administration, not about any article.
"""

from __future__ import annotations

from tui.core.entities.text import spelling_variants
from tui.core.entities.tokens import by_length

# The lists are laid out by hand, several words a line: one per line would make them unreadable.
# fmt: off
# The common Vietnamese family names (they cover nearly all of the population).
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh "  # noqa: SIM905
    "Trương Lâm Phùng Mai Tô Tạ Hà Lương Lưu Cao Chu Đinh Kiều Quách Thái Tăng Lại Triệu Đàm Lục "
    "Khổng Mạc Văn Hứa Thân Giang Doãn Nghiêm Tống La Phí Kim Lò Hầu Diệp Cù Khúc Âu Chế Thạch "
    "Ninh Tôn Quan Vi Đồng Châu Bạch Từ Ông Hạ Đường Khuất Lã Lữ Nông Ma Ưng Bế Hoàng Huỳnh Bàn "
    "Uông Ôn Khương Nhan Mạch Mã Quản Thiều Thịnh Trình Viên Thi Nhữ Lường Quàng Sầm Tòng Lầu Giàng Thào Sùng Vàng Hờ Mùa Cầm Y Đậu Mẫn".split()  # noqa: E501
)

# Words that precede a person's name and are not part of it.
PERSON_CUES = [
    "đồng chí", "ông", "bà", "anh", "chị", "cô", "chú", "bác sĩ", "bác", "cụ", "em", "cháu", "bé",
    "thầy", "cô giáo", "thầy giáo", "giáo sư", "phó giáo sư", "tiến sĩ", "thạc sĩ", "kỹ sư",
    "GS", "PGS", "TS", "ThS", "Th.s", "Ths", "Th.S", "KS", "BS", "LS", "NSƯT", "NSND", "GS.TS",
    "PGS.TS", "TS.BS", "BSCKII", "BSCKI", "nhà báo", "nhà văn", "nhà thơ", "nhà giáo", "nhạc sĩ",
    "họa sĩ", "ca sĩ", "diễn viên", "đạo diễn", "nghệ sĩ", "người mẫu", "hoa hậu", "á hậu",
    "cầu thủ", "thủ môn", "tiền đạo", "tiền vệ", "hậu vệ", "trung vệ", "HLV", "huấn luyện viên",
    "vận động viên", "VĐV", "võ sĩ", "kỳ thủ", "tay vợt", "luật sư", "phóng viên", "PV", "BTV", "MC",
    "bị cáo", "bị can", "nghi phạm", "đối tượng", "nạn nhân", "bệnh nhân", "sinh viên", "học sinh",
    "nữ sinh", "nam sinh", "tân binh", "chiến sĩ", "liệt sĩ", "anh hùng", "mẹ", "Mẹ", "tác giả",
    "thượng tá", "đại tá", "trung tá", "thiếu tá", "đại úy", "thượng úy", "trung úy", "thiếu úy",
    "đại tướng", "thượng tướng", "trung tướng", "thiếu tướng", "tướng", "binh nhì", "binh nhất",
    "hạ sĩ", "trung sĩ", "thượng sĩ", "ngài", "tổng thống", "thủ tướng", "ngoại trưởng",
    "bộ trưởng", "thứ trưởng", "chủ tịch", "phó chủ tịch", "tổng bí thư", "bí thư", "phó bí thư",
    "giám đốc", "phó giám đốc", "tổng giám đốc", "phó tổng giám đốc", "hiệu trưởng", "trưởng phòng",
    "phó trưởng phòng", "trưởng ban", "phó trưởng ban", "chánh án", "viện trưởng", "chủ nhiệm",
    "đại sứ", "thống đốc", "tổng thư ký", "người phát ngôn", "hòa thượng", "thượng tọa", "đại đức",
    "linh mục", "mục sư", "ni sư", "tỷ phú", "doanh nhân", "nhà sáng lập", "CEO", "chủ tịch nước",
    "phó thủ tướng", "nguyên", "cố", "danh thủ", "trưởng thôn", "trưởng bản", "già làng", "cựu",
    "tân", "vua", "hoàng đế", "nữ hoàng", "hoàng tử", "công chúa", "thái tử", "trung vệ",
    "thủ thành", "thủ quân", "đội trưởng", "trọng tài", "trợ lý", "chân sút",
]
# Titles of office: they start a role (Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh ...).
TITLES = [
    "tổng bí thư", "bí thư", "phó bí thư", "bí thư thứ nhất", "chủ tịch", "phó chủ tịch",
    "chủ tịch nước", "phó chủ tịch nước", "thủ tướng", "phó thủ tướng", "bộ trưởng", "thứ trưởng",
    "ủy viên", "ủy viên dự khuyết", "trưởng ban", "phó trưởng ban", "trưởng", "phó trưởng", "phó",
    "giám đốc", "phó giám đốc", "tổng giám đốc", "phó tổng giám đốc", "chánh", "phó chánh",
    "chánh văn phòng", "phó chánh văn phòng", "chánh án", "viện trưởng", "phó viện trưởng",
    "cục trưởng", "phó cục trưởng", "vụ trưởng", "phó vụ trưởng", "chủ nhiệm", "phó chủ nhiệm",
    "đại biểu", "hiệu trưởng", "phó hiệu trưởng", "trưởng phòng", "phó trưởng phòng", "trưởng đoàn",
    "phó trưởng đoàn", "thống đốc", "đại sứ", "tổng thống", "tổng thư ký", "tư lệnh", "chính ủy",
    "người phát ngôn", "tổng biên tập", "phó tổng biên tập", "nguyên", "chỉ huy trưởng", "trưởng công an",
    "phó trưởng công an", "chủ tịch hội đồng quản trị", "thành viên", "đại diện", "lãnh đạo",
    "tổng cục trưởng", "phó tổng cục trưởng", "trưởng khoa", "phó trưởng khoa", "thường trực",
    "bí thư đảng ủy", "giám đốc sở", "trưởng ban tổ chức", "chủ tịch ubnd", "chủ tịch hđnd",
]
TITLE_INDEX = by_length(TITLES, fold_case=True)
CUE_INDEX = by_length(PERSON_CUES, fold_case=True)

# Nouns that open the name of a body; a name (capitalised words) must follow.
ORG_HEADS = spelling_variants([
    "Ban", "Bộ", "Sở", "Vụ", "Cục", "Tổng cục", "Chi cục", "Viện", "Học viện", "Trường", "Đại học",
    "Bệnh viện", "Trung tâm", "Công ty", "Tổng công ty", "Tập đoàn", "Ngân hàng", "Hội", "Hiệp hội",
    "Liên đoàn", "Tổng Liên đoàn", "Liên hiệp", "Đoàn", "Ủy ban", "Hội đồng", "Mặt trận", "Văn phòng",
    "Phòng", "Công an", "Tòa án", "Tòa", "Viện kiểm sát", "Thanh tra", "Kho bạc", "Cụm", "Khối",
    "Chi bộ", "Đảng bộ", "Đảng ủy", "Báo", "Đài", "Tạp chí", "Nhà xuất bản", "Hợp tác xã", "HTX",
    "Xí nghiệp", "Nhà máy", "Bảo tàng", "Quỹ", "CLB", "Câu lạc bộ", "Sư đoàn", "Lữ đoàn",
    "Trung đoàn", "Quân khu", "Quân đoàn", "Bộ Tư lệnh", "Bộ Chỉ huy", "Cảnh sát", "Chi nhánh",
    "Trạm", "Đội", "Hạt", "Kiểm lâm", "Ủy ban nhân dân", "Hội đồng nhân dân", "Tổng cục", "Bưu điện",
    "Cảng vụ", "Thông tấn xã", "Đài Truyền hình", "Đài Phát thanh", "Trường Đại học", "Trường Cao đẳng",
    "Viện Kiểm sát", "Tòa án nhân dân", "Viện kiểm sát nhân dân", "Nhà hát", "Thư viện",
    "UBND", "HĐND", "MTTQ", "UBMTTQ", "BCH", "BTV", "UBKT", "VKSND", "TAND", "CA", "CAH", "CAND",
    "Thường trực", "Thường vụ", "Ban cán sự", "Đảng đoàn", "Ban Chỉ đạo", "Ban chỉ đạo", "Tổ công tác",
    "Ủy ban Kiểm tra", "Bộ Quốc phòng", "Công đoàn", "Hãng", "Sàn", "Quân đội", "Bộ đội",
    "Đoàn đại biểu Quốc hội", "Đảng ủy Khối", "Hội đồng Lý luận Trung ương", "Nhóm",
])
ORG_HEAD_INDEX = by_length(ORG_HEADS)
# Bodies named by themselves, without a following name.
ORG_STANDALONE = spelling_variants([
    "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Quốc hội", "Chính phủ", "Bộ Chính trị",
    "Ban Bí thư", "Trung ương Đảng", "Ban Chấp hành Trung ương", "Quân ủy Trung ương",
    "Đảng Cộng sản Việt Nam", "Liên Hợp Quốc", "Liên hợp quốc", "TTXVN", "VGP", "VPQH", "VTV",
    "VOV", "VNA", "ASEAN", "WHO", "UNESCO", "UNICEF", "NATO", "EU", "WTO", "APEC", "IMF", "FIFA",
    "AFC", "AFF", "VFF", "IOC", "Interpol", "Nhà Trắng", "Lầu Năm Góc", "Điện Kremlin", "Bộ Công an",
    "Mặt trận Tổ quốc Việt Nam", "Ủy ban Thường vụ Quốc hội", "Văn phòng Chính phủ", "Trung ương",
])
# "Trung ương" alone is not a body; it is listed so that "Ban Tổ chức Trung ương" reads on.
ORG_STANDALONE_INDEX = by_length([o for o in ORG_STANDALONE if o != "Trung ương"])
# Lowercase words that belong inside the name of a body (Phòng Tổ chức hành chính).
ORG_LOWER_WORDS = {
    "nhân dân", "hành chính", "cán bộ", "nông thôn", "xã hội", "đa khoa", "thành viên", "quốc gia",
    "quốc tế", "công nghệ", "du lịch", "môi trường", "đô thị", "giao thông", "vận tải", "truyền thông",
    "thông tin", "kỹ thuật", "cổ phần", "trách nhiệm hữu hạn", "một thành viên", "trung ương",
    "toàn quốc", "thi đua", "kinh tế", "tổng hợp", "phụ nữ", "thanh niên", "nông dân", "cựu chiến binh",
    "khu vực", "điều tra", "hình sự", "ma túy", "cơ động", "phòng cháy",
    "chữa cháy", "cứu nạn", "cứu hộ", "sản xuất", "dịch vụ", "phát triển", "đầu tư", "xây dựng",
    "thương mại", "nghiên cứu", "đào tạo", "thường trực", "chuyên trách", "dân tộc", "tôn giáo",
    "lao động", "thương binh", "kiểm sát", "cảnh sát", "biên phòng", "quân sự", "y tế", "dự phòng",
    "nhi", "sản", "phụ sản", "ung bướu", "chấn thương chỉnh hình", "đa khoa tỉnh", "đa khoa khu vực",
}
LEVELS = [
    "tỉnh", "thành phố", "huyện", "quận", "xã", "phường", "thị xã", "thị trấn", "TP", "Tp", "TP.",
    "Tp.", "H.", "X.", "TT.", "Q.", "P.", "TX.", "TX", "thủ đô",
]
LEVEL_INDEX = by_length(LEVELS + [w[:1].upper() + w[1:] for w in LEVELS])
# Lowercase level words that complete a body's name (HĐND tỉnh, Đảng bộ huyện).
BODY_LEVELS = {"tỉnh", "thành phố", "huyện", "quận", "xã", "phường", "thị xã", "thị trấn", "TP", "Tp"}
# Settlements and structures named by a following name or number (VLSP: đường X, cầu X, thôn 6).
STRUCTURES = [
    "thôn", "xóm", "bản", "ấp", "làng", "buôn", "sóc", "khu phố", "tổ dân phố", "khối phố", "đường",
    "phố", "ngõ", "hẻm", "ngách", "cầu", "cầu vượt", "đê", "phá", "sông", "hồ", "núi", "đèo", "đảo",
    "quần đảo", "vịnh", "biển", "bãi biển", "sân bay", "cảng", "bến", "chợ", "kênh", "trạm bơm",
    "trạm bơm tiêu", "đồng", "quốc lộ", "tỉnh lộ", "QL", "phố đi bộ", "đường vành đai", "vành đai",
    "đại lộ", "suối", "thác", "động", "hang", "rừng", "vườn quốc gia", "khu công nghiệp", "KCN",
    "khu kinh tế", "khu đô thị", "cửa khẩu", "bán đảo", "cao tốc", "đường cao tốc", "hầm", "ga",
    "đồi", "cồn", "thung lũng", "miền", "vùng", "châu", "tổ",
]
STRUCTURE_INDEX = by_length(STRUCTURES + [w[:1].upper() + w[1:] for w in STRUCTURES if w.islower()])
# Structure words that may take a bare number (đường 429, thôn 6, quận 1).
NUMBERED = {"thôn", "xóm", "bản", "ấp", "khu phố", "tổ dân phố", "đường", "quốc lộ", "tỉnh lộ", "QL",
            "quận", "phường", "đường vành đai", "vành đai", "Quận", "Phường", "Thôn", "Q.", "P.",
            "cao tốc", "hầm", "khối phố", "tổ"}
# Structure words that name a place only with a number (trú tại tổ 51; not "tổ Công tác").
NUMBER_ONLY = {"tổ"}
# Capitalised words that start a new phrase, so a name never runs through them.
PHRASE_STARTERS = {
    "Hội nghị", "Đại hội", "Kỳ họp", "Hội thảo", "Lễ", "Đồng chí", "Ông", "Bà", "Anh", "Chị",
    "Sáng", "Chiều", "Tối", "Trưa", "Ngày", "Năm", "Tháng", "Theo", "Tại", "Trong", "Về", "Với",
    "Từ", "Đến", "Sau", "Trước", "Khi", "Nhưng", "Và", "Các", "Những", "Cùng", "Dự", "Ảnh", "Nguồn",
    "Thông tin", "Tuy nhiên", "Đồng thời", "Bên cạnh", "Hiện nay", "Nhân dịp", "Qua", "Đây", "Đó",
}
# fmt: on
