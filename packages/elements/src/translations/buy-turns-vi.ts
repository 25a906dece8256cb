import type { BuyTurnsTranslation } from './buy-turns-translation.js';

/** Vietnamese, the default. */
export const buyTurnsVi: BuyTurnsTranslation = {
  $code: 'vi',
  balance: 'Số lượt ký hiện có',
  unlimited: 'Không giới hạn',
  turns: (n) => `${n} lượt ký`,
  pack: ({ name, turns }) => (name.includes(String(turns)) ? name : `${name} (${turns} lượt ký)`),
  choosePack: 'Chọn gói lượt ký',
  chooseMethod: 'Hình thức thanh toán',
  methods: { 'vnpt-money': 'Ví VNPT Money', 'credit-card': 'Thẻ tín dụng', 'atm-card': 'Thẻ ATM nội địa (NAPAS)' },
  pay: 'Thanh toán',
  redirecting: 'Đang chuyển tới trang thanh toán…',
  beforeAfter: (before, after) => `Trước: ${before} · Sau: ${after}`,
  announce: {
    loading: 'Đang tải danh sách gói lượt ký.',
    unlimited: 'Gói dịch vụ của bạn không giới hạn lượt ký: không cần mua thêm.',
    redirecting: 'Đang chuyển tới trang thanh toán.',
    confirming: 'Đang kiểm tra kết quả thanh toán.',
    paid: (n) => `Thanh toán thành công. Đã cộng ${n} lượt ký.`,
    declined: 'Thanh toán bị từ chối. Bạn chưa bị trừ tiền; hãy chọn lại.',
    abandoned: 'Bạn đã hủy thanh toán. Bạn chưa bị trừ tiền; hãy chọn lại.',
    expired: 'Đơn hàng đã hết hạn thanh toán. Hãy chọn lại.',
  },
  errors: {
    session: 'Phiên mua lượt ký không hợp lệ hoặc đã hết hạn. Vui lòng tải lại trang.',
    turns: 'Chứng thư số đã hết lượt ký.',
    certificate: 'Chứng thư số không ở trạng thái hợp lệ để mua lượt ký.',
    provider: 'SmartCA không thực hiện được yêu cầu. Vui lòng thử lại sau.',
    network: 'Không kết nối được tới máy chủ. Kiểm tra kết nối mạng rồi thử lại.',
    implementation: 'Trang chưa được cấu hình đúng để mua lượt ký.',
  },
};
