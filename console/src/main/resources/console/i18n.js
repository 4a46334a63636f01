// Labels in English and Chinese, and number, money and date formats per locale (Intl).
import { settings } from './settings.js';

const en = {
  'nav.finance': 'Finance', 'nav.reports': 'Reports',
  'fin.title': 'Finance', 'fin.receivables': 'Receivables (customers)', 'fin.payables': 'Payables (suppliers)', 'fin.asOf': 'As of',
  'fin.aging': 'Balances by age', 'fin.days0To30': '0–30 days', 'fin.days31To60': '31–60 days', 'fin.days61To90': '61–90 days',
  'fin.over90': 'Over 90 days', 'fin.unapplied': 'Unapplied', 'fin.balance': 'Balance', 'fin.partner': 'Account of {code}',
  'fin.openDocuments': '{n} open documents', 'fin.invoiced': 'Invoiced', 'fin.billed': 'Billed', 'fin.credited': 'Credited',
  'fin.debited': 'Debited', 'fin.received': 'Received', 'fin.paid': 'Paid', 'fin.recordReceipt': 'Record receipt',
  'fin.recordPayment': 'Record payment', 'fin.allocateTo': 'Allocate to {number}', 'fin.kind': 'Type',
  'fin.kind.INVOICE': 'Invoice', 'fin.kind.CREDIT_NOTE': 'Credit note', 'fin.kind.BILL': 'Bill', 'fin.kind.DEBIT_NOTE': 'Debit note',
  'fin.kind.RECEIPT': 'Receipt', 'fin.kind.PAYMENT': 'Payment', 'fin.order': 'Order', 'fin.date': 'Date', 'fin.dateHint': 'Empty: today',
  'fin.reference': 'Reference', 'fin.openDocumentsOf': 'Open documents of {code}', 'fin.settled': 'Settled', 'fin.open': 'Open',
  'fin.allocate': 'Allocate now', 'fin.nothingOpen': 'Nothing is open.', 'fin.fill': 'Spread the amount, oldest first',
  'fin.recorded': '{number} recorded: {allocated} allocated, {unallocated} on account.',
  'fin.fromHint': 'Empty: the first of the month', 'fin.toHint': 'Empty: today', 'fin.showStatement': 'Show statement',
  'fin.statement': 'Statement', 'fin.opening': 'Opening balance', 'fin.closing': 'Closing balance',
  'fin.statementOf': 'Statement of {code}, {from} – {to}', 'fin.debit': 'Debit', 'fin.credit': 'Credit',
  'rep.title': 'Reports', 'rep.sales': 'Sales', 'rep.purchases': 'Purchases', 'rep.gross-profit': 'Gross profit',
  'rep.inventory-valuation': 'Stock valuation', 'rep.inventory-turnover': 'Turnover', 'rep.slow-moving': 'Slow movers',
  'rep.groupBy': 'Group by', 'rep.default': 'Default', 'rep.key': 'Key', 'rep.orders': 'Orders', 'rep.revenue': 'Revenue',
  'rep.cost': 'Cost of goods', 'rep.profit': 'Gross profit', 'rep.margin': 'Margin', 'rep.openingValue': 'Opening value',
  'rep.closingValue': 'Closing value', 'rep.averageValue': 'Average value', 'rep.cogs': 'Cost of goods sold',
  'rep.turnover': 'Turnover', 'rep.daysOfInventory': 'Days of inventory', 'rep.days': 'Days without shipments',
  'rep.coverDays': 'Slow above days of cover', 'rep.status.DEAD': 'Dead', 'rep.status.SLOW': 'Slow', 'rep.issued': 'Shipped',
  'rep.lastIssue': 'Last shipped', 'rep.daysOfCover': 'Days of cover', 'rep.csv': 'Download CSV',
  'rep.by.day': 'Day', 'rep.by.month': 'Month', 'rep.by.product': 'Product', 'rep.by.customer': 'Customer',
  'rep.by.warehouse': 'Warehouse', 'rep.by.supplier': 'Supplier', 'rep.by.order': 'Order',
  'doc.shipments': 'Shipments', 'doc.receipts': 'Goods receipts', 'doc.grn': 'Goods-received note', 'doc.deliveryNote': 'Delivery note',
  'doc.invoice': 'Invoice', 'doc.invoiceNumber': 'Invoice number', 'doc.notBooked': 'not yet booked', 'doc.documents': 'Documents',
  'doc.none.shipments': 'Nothing shipped yet.', 'doc.none.receipts': 'Nothing received yet.',
  'tax.title': 'Tax', 'tax.defaultRate': 'Default tax rate (%)', 'tax.rateHint': 'For products without their own rate; 0 to 100',
  'tax.pricesIncludeTax': 'Entered prices include tax', 'tax.effect': 'Orders already made keep their figures.',
  'tax.readOnly': 'Only an admin may change these.', 'tax.save': 'Save tax settings', 'tax.saved': 'Tax settings saved: {rate} %.',
  'app.title': 'PSI console', 'app.skip': 'Skip to content', 'app.language': 'Language',
  'nav.dashboard': 'Dashboard', 'nav.products': 'Products', 'nav.warehouses': 'Warehouses', 'nav.suppliers': 'Suppliers',
  'nav.customers': 'Customers', 'nav.purchase-orders': 'Purchase orders', 'nav.sales-orders': 'Sales orders',
  'nav.stock': 'Stock', 'nav.inventory': 'Inventory',
  'settings.open': 'Settings', 'settings.title': 'Settings', 'settings.tenant': 'Tenant',
  'settings.tenantHint': 'Sent as X-Tenant-Id while nobody is signed in and the API runs in its local mode.',
  'settings.tenantFromToken': 'Tenant: {tenant} (from your token).',
  'settings.currency': 'Currency', 'settings.save': 'Save', 'settings.cancel': 'Cancel',
  'settings.saved': 'Settings saved.',
  'auth.401': 'You are not signed in, or your token has expired. Sign in again.',
  'auth.403': 'Your account is not allowed to do that. Sign in with a token that has the right role.',
  'auth.403roles': 'Not allowed: this needs one of the roles {roles}; you are signed in with {mine}.',
  'auth.needs': 'Needs one of the roles: {roles}',
  'signin.open': 'Sign in', 'signin.title': 'Sign in', 'signin.token': 'Bearer token (JWT)',
  'signin.intro': 'Paste the token you were given. Its tenant and roles decide what you see and may do.',
  'signin.tokenHint': 'Locally: bin/psi-token --tenant demo --roles admin (docs/security.md).',
  'signin.submit': 'Sign in', 'signin.signOut': 'Sign out', 'signin.signedOut': 'Signed out.',
  'signin.welcome': 'Signed in as {sub} for tenant {tenant}.', 'signin.who': 'Signed in as {sub}, tenant {tenant}, roles: {roles}',
  'signin.required': 'The API needs you to sign in.',
  'signin.expired': 'Your session has expired, or the token was not accepted. Sign in again to go on where you were.',
  'signin.notJwt': 'This is not a token (a JWT has three parts separated by dots).',
  'signin.expiredAt': 'This token expired at {time}.', 'signin.noTenant': 'This token names no tenant (claim "tenant").',
  'signin.devTitle': 'Development token', 'signin.devUse': 'Use development token', 'signin.roles': 'Roles',
  'signin.devHint': 'Offered by the local launcher (bin/psi-local) only, never in the cluster.',
  'role.admin': 'admin', 'role.purchaser': 'purchaser', 'role.sales': 'sales', 'role.warehouse': 'warehouse', 'role.viewer': 'viewer',
  'common.search': 'Search', 'common.searchHint': 'Code, name…', 'common.new': 'New', 'common.edit': 'Edit', 'common.save': 'Save',
  'common.cancel': 'Cancel', 'common.close': 'Close', 'common.create': 'Create', 'common.actions': 'Actions',
  'common.all': 'All', 'common.active': 'Active', 'common.inactive': 'Inactive', 'common.status': 'Status',
  'common.deactivate': 'Deactivate', 'common.activate': 'Activate', 'common.import': 'Import CSV', 'common.reload': 'Reload',
  'common.prev': 'Previous', 'common.next': 'Next', 'common.page': 'Page {page} of {pages}', 'common.items': '{n} items',
  'common.none': 'Nothing here yet.', 'common.loading': 'Loading…', 'common.yes': 'yes', 'common.no': 'no',
  'common.from': 'From', 'common.to': 'To', 'common.note': 'Note', 'common.warehouse': 'Warehouse', 'common.sku': 'SKU',
  'common.quantity': 'Quantity', 'common.unitPrice': 'Unit price', 'common.amount': 'Amount', 'common.total': 'Total',
  'common.addLine': 'Add line', 'common.removeLine': 'Remove line {n}', 'common.line': 'Line', 'common.details': 'Details',
  'common.created': 'Created', 'common.updated': 'Updated', 'common.filter': 'Filter', 'common.product': 'Product',
  'common.saved': 'Saved {key}.', 'common.createdKey': 'Created {key}.', 'common.confirm': 'Are you sure?',
  'error.network': 'The server cannot be reached. Check your connection and try again.',
  'error.stale': 'Someone else changed this record after you opened it, so your edit was not saved. Reload to see the current version, then edit again.',
  'error.fix': 'Please correct the marked fields.', 'error.generic': 'The request failed ({status}).',
  'f.sku': 'SKU', 'f.name': 'Name', 'f.unit': 'Unit', 'f.barcode': 'Barcode', 'f.category': 'Category',
  'f.purchasePrice': 'Purchase price', 'f.salePrice': 'Sale price', 'f.reorderPoint': 'Reorder point',
  'f.reorderQuantity': 'Reorder quantity', 'f.preferredSupplierCode': 'Preferred supplier', 'f.code': 'Code',
  'f.address': 'Address', 'f.contact': 'Contact', 'f.phone': 'Phone', 'f.email': 'Email', 'f.active': 'Active',
  'products.title': 'Products', 'warehouses.title': 'Warehouses', 'suppliers.title': 'Suppliers', 'customers.title': 'Customers',
  'products.new': 'New product', 'warehouses.new': 'New warehouse', 'suppliers.new': 'New supplier', 'customers.new': 'New customer',
  'products.edit': 'Edit product {key}', 'warehouses.edit': 'Edit warehouse {key}', 'suppliers.edit': 'Edit supplier {key}', 'customers.edit': 'Edit customer {key}',
  'import.title': 'Import CSV', 'import.file': 'CSV file', 'import.text': 'or paste CSV', 'import.mode': 'Existing entries',
  'import.create': 'Refuse (create only)', 'import.upsert': 'Update them', 'import.run': 'Import',
  'import.hint': 'The first row names the columns: {columns}.',
  'import.summary': '{total} rows: {created} created, {updated} updated, {failed} failed.', 'import.row': 'Row',
  'import.outcome': 'Outcome', 'import.errors': 'Errors', 'outcome.CREATED': 'created', 'outcome.UPDATED': 'updated', 'outcome.FAILED': 'failed',
  'po.title': 'Purchase orders', 'po.new': 'New purchase order', 'po.supplier': 'Supplier', 'po.expectedDate': 'Expected date',
  'po.receive': 'Receive', 'po.receiveTitle': 'Receive goods for {number}', 'po.ordered': 'Ordered', 'po.received': 'Received',
  'po.remaining': 'Outstanding', 'po.receiveNow': 'Receive now', 'so.title': 'Sales orders', 'so.new': 'New sales order',
  'so.customer': 'Customer', 'so.ship': 'Ship', 'so.shipTitle': 'Ship {number}', 'so.shipped': 'Shipped', 'so.shipNow': 'Ship now',
  'so.shipAll': 'Ship everything outstanding', 'so.priceDefault': 'Default: {price}', 'so.priceHint': 'Empty: the product\'s sale price',
  'so.watch': 'Waiting for stock to confirm…', 'so.rejection': 'Rejected: {reason}',
  'order.return': 'Return', 'order.returnTitle': 'Return goods of {number}', 'order.returned': 'Returned', 'order.returnNow': 'Return now',
  'order.cancel': 'Cancel order', 'order.cancelConfirm': 'Cancel {number}?', 'order.accepted': '{number}: requested. The status follows as soon as stock confirms.',
  'order.number': 'Number', 'order.history': 'History', 'order.lines': 'Lines', 'order.confirmed': '{number} is {status}.',
  'status.SUBMITTED': 'Submitted', 'status.PARTIALLY_RECEIVED': 'Partly received', 'status.RECEIVED': 'Received',
  'status.CANCELLED': 'Cancelled', 'status.PLACED': 'Placed', 'status.CONFIRMED': 'Confirmed', 'status.REJECTED': 'Rejected',
  'status.PARTIALLY_SHIPPED': 'Partly shipped', 'status.SHIPPED': 'Shipped', 'status.CANCELLING': 'Cancelling',
  'stock.title': 'Stock', 'stock.adjustments': 'Adjustments', 'stock.transfers': 'Transfers', 'stock.stocktakes': 'Stocktakes',
  'stock.adjust': 'Adjust stock', 'stock.quantityHint': 'Signed: + adds, − removes', 'stock.reason': 'Reason', 'stock.unitCost': 'Unit cost',
  'stock.unitCostHint': 'For increases; empty: the average cost', 'stock.fromWarehouse': 'From warehouse', 'stock.toWarehouse': 'To warehouse',
  'stock.transfer': 'Transfer', 'stock.loadSheet': 'Load count sheet', 'stock.counted': 'Counted', 'stock.book': 'On the books',
  'stock.variance': 'Variance', 'stock.post': 'Post stocktake', 'stock.result': 'Result {number}', 'stock.sheetHint': 'Leave a line empty to skip it.',
  'stock.gain': 'gain (盘盈)', 'stock.loss': 'loss (盘亏)', 'stock.valueDelta': 'Value change',
  'reason.DAMAGE': 'Damage', 'reason.LOSS': 'Loss', 'reason.FOUND': 'Found', 'reason.CORRECTION': 'Correction', 'reason.SAMPLE': 'Sample',
  'reason.EXPIRED': 'Expired', 'reason.OPENING_BALANCE': 'Opening balance',
  'inv.title': 'Inventory', 'inv.levels': 'Levels', 'inv.ledger': 'Ledger', 'inv.lowStock': 'Low stock', 'inv.valuation': 'Valuation',
  'inv.onHand': 'On hand', 'inv.reserved': 'Reserved', 'inv.available': 'Available', 'inv.averageCost': 'Average cost', 'inv.value': 'Value',
  'inv.belowReorder': 'Below reorder point only', 'inv.low': 'low', 'inv.type': 'Movement', 'inv.balanceAfter': 'Balance after',
  'inv.reservedAfter': 'Reserved after', 'inv.averageCostAfter': 'Average after', 'inv.reference': 'Reference', 'inv.time': 'Time',
  'inv.skuRequired': 'Enter a SKU to see its ledger.', 'inv.skus': 'SKUs', 'inv.show': 'Show', 'inv.valueByWarehouse': 'Stock value by warehouse',
  'dash.title': 'Dashboard', 'dash.salesToday': 'Sales orders today', 'dash.purchasesToday': 'Purchase orders today',
  'dash.lowStock': 'Items below reorder point', 'dash.stockValue': 'Stock value', 'dash.recent': 'Recent activity',
  'dash.salesByStatus': 'Sales orders by status (latest 200)', 'dash.onHand': '{n} on hand',
  'move.RECEIPT': 'Receipt', 'move.ISSUE': 'Issue', 'move.RESERVE': 'Reserve', 'move.RELEASE': 'Release',
  'move.ADJUSTMENT_IN': 'Adjustment in', 'move.ADJUSTMENT_OUT': 'Adjustment out', 'move.TRANSFER_IN': 'Transfer in',
  'move.TRANSFER_OUT': 'Transfer out', 'move.STOCKTAKE_GAIN': 'Stocktake gain', 'move.STOCKTAKE_LOSS': 'Stocktake loss',
  'move.RETURN_IN': 'Return in', 'move.RETURN_OUT': 'Return out',
};

const zh = {
  'nav.finance': '财务', 'nav.reports': '报表',
  'fin.title': '财务', 'fin.receivables': '应收（客户）', 'fin.payables': '应付（供应商）', 'fin.asOf': '截至',
  'fin.aging': '账龄', 'fin.days0To30': '0–30 天', 'fin.days31To60': '31–60 天', 'fin.days61To90': '61–90 天',
  'fin.over90': '90 天以上', 'fin.unapplied': '未核销', 'fin.balance': '余额', 'fin.partner': '{code} 的往来账',
  'fin.openDocuments': '{n} 张未结单据', 'fin.invoiced': '已开票', 'fin.billed': '已入账', 'fin.credited': '已贷记',
  'fin.debited': '已借记', 'fin.received': '已收款', 'fin.paid': '已付款', 'fin.recordReceipt': '登记收款',
  'fin.recordPayment': '登记付款', 'fin.allocateTo': '核销到 {number}', 'fin.kind': '类型',
  'fin.kind.INVOICE': '销售发票', 'fin.kind.CREDIT_NOTE': '红字发票', 'fin.kind.BILL': '采购账单', 'fin.kind.DEBIT_NOTE': '退货扣款单',
  'fin.kind.RECEIPT': '收款', 'fin.kind.PAYMENT': '付款', 'fin.order': '订单', 'fin.date': '日期', 'fin.dateHint': '留空：今天',
  'fin.reference': '参考号', 'fin.openDocumentsOf': '{code} 的未结单据', 'fin.settled': '已核销', 'fin.open': '未结',
  'fin.allocate': '本次核销', 'fin.nothingOpen': '没有未结单据。', 'fin.fill': '按先后分配金额',
  'fin.recorded': '已登记 {number}：核销 {allocated}，预收/预付 {unallocated}。',
  'fin.fromHint': '留空：本月第一天', 'fin.toHint': '留空：今天', 'fin.showStatement': '查看对账单',
  'fin.statement': '对账单', 'fin.opening': '期初余额', 'fin.closing': '期末余额',
  'fin.statementOf': '{code} 对账单，{from} – {to}', 'fin.debit': '借方', 'fin.credit': '贷方',
  'rep.title': '报表', 'rep.sales': '销售', 'rep.purchases': '采购', 'rep.gross-profit': '毛利',
  'rep.inventory-valuation': '库存估值', 'rep.inventory-turnover': '周转率', 'rep.slow-moving': '呆滞库存',
  'rep.groupBy': '分组', 'rep.default': '默认', 'rep.key': '分组键', 'rep.orders': '订单数', 'rep.revenue': '收入',
  'rep.cost': '成本', 'rep.profit': '毛利', 'rep.margin': '毛利率', 'rep.openingValue': '期初金额',
  'rep.closingValue': '期末金额', 'rep.averageValue': '平均金额', 'rep.cogs': '销售成本',
  'rep.turnover': '周转次数', 'rep.daysOfInventory': '周转天数', 'rep.days': '无出库天数',
  'rep.coverDays': '可售天数超过', 'rep.status.DEAD': '呆滞', 'rep.status.SLOW': '慢销', 'rep.issued': '已出库',
  'rep.lastIssue': '最近出库', 'rep.daysOfCover': '可售天数', 'rep.csv': '下载 CSV',
  'rep.by.day': '日', 'rep.by.month': '月', 'rep.by.product': '商品', 'rep.by.customer': '客户',
  'rep.by.warehouse': '仓库', 'rep.by.supplier': '供应商', 'rep.by.order': '订单',
  'doc.shipments': '发货记录', 'doc.receipts': '收货记录', 'doc.grn': '入库单', 'doc.deliveryNote': '送货单',
  'doc.invoice': '发票', 'doc.invoiceNumber': '发票号', 'doc.notBooked': '尚未入账', 'doc.documents': '单据',
  'doc.none.shipments': '尚未发货。', 'doc.none.receipts': '尚未收货。',
  'tax.title': '税务', 'tax.defaultRate': '默认税率（%）', 'tax.rateHint': '用于未设税率的商品；0 到 100',
  'tax.pricesIncludeTax': '录入价格含税', 'tax.effect': '已有订单保持原金额。',
  'tax.readOnly': '仅管理员可修改。', 'tax.save': '保存税务设置', 'tax.saved': '税务设置已保存：{rate}%。',
  'app.title': '进销存控制台', 'app.skip': '跳到正文', 'app.language': '语言',
  'nav.dashboard': '概览', 'nav.products': '商品', 'nav.warehouses': '仓库', 'nav.suppliers': '供应商', 'nav.customers': '客户',
  'nav.purchase-orders': '采购单', 'nav.sales-orders': '销售单', 'nav.stock': '库存作业', 'nav.inventory': '库存查询',
  'settings.open': '设置', 'settings.title': '设置', 'settings.tenant': '租户',
  'settings.tenantHint': '未登录且 API 处于本地模式时以 X-Tenant-Id 发送。', 'settings.tenantFromToken': '租户：{tenant}（取自令牌）。',
  'settings.currency': '币种', 'settings.save': '保存', 'settings.cancel': '取消', 'settings.saved': '设置已保存。',
  'auth.401': '您尚未登录或令牌已过期。请重新登录。', 'auth.403': '您的账户无权执行此操作。请使用具有相应角色的令牌登录。',
  'auth.403roles': '无权操作：需要以下角色之一：{roles}；您当前的角色：{mine}。', 'auth.needs': '需要以下角色之一：{roles}',
  'signin.open': '登录', 'signin.title': '登录', 'signin.token': '访问令牌 (JWT)',
  'signin.intro': '粘贴您获得的令牌。令牌中的租户和角色决定您能看到和执行的操作。',
  'signin.tokenHint': '本地：bin/psi-token --tenant demo --roles admin（见 docs/security.md）。',
  'signin.submit': '登录', 'signin.signOut': '退出登录', 'signin.signedOut': '已退出登录。',
  'signin.welcome': '已以 {sub} 身份登录租户 {tenant}。', 'signin.who': '当前用户 {sub}，租户 {tenant}，角色：{roles}',
  'signin.required': 'API 要求登录。', 'signin.expired': '会话已过期或令牌未被接受。请重新登录，之后回到原来的页面。',
  'signin.notJwt': '这不是令牌（JWT 由以点分隔的三部分组成）。', 'signin.expiredAt': '此令牌已于 {time} 过期。',
  'signin.noTenant': '此令牌未指定租户（tenant 声明）。', 'signin.devTitle': '开发令牌', 'signin.devUse': '使用开发令牌',
  'signin.roles': '角色', 'signin.devHint': '仅由本地启动器（bin/psi-local）提供，集群中没有。',
  'role.admin': '管理员', 'role.purchaser': '采购员', 'role.sales': '销售员', 'role.warehouse': '仓管员', 'role.viewer': '只读',
  'common.search': '搜索', 'common.searchHint': '编码、名称…', 'common.new': '新建', 'common.edit': '编辑', 'common.save': '保存',
  'common.cancel': '取消', 'common.close': '关闭', 'common.create': '创建', 'common.actions': '操作', 'common.all': '全部',
  'common.active': '启用', 'common.inactive': '停用', 'common.status': '状态', 'common.deactivate': '停用', 'common.activate': '启用',
  'common.import': '导入 CSV', 'common.reload': '重新加载', 'common.prev': '上一页', 'common.next': '下一页',
  'common.page': '第 {page} / {pages} 页', 'common.items': '共 {n} 条', 'common.none': '暂无数据。', 'common.loading': '加载中…',
  'common.yes': '是', 'common.no': '否', 'common.from': '起', 'common.to': '止', 'common.note': '备注', 'common.warehouse': '仓库',
  'common.sku': '商品编码', 'common.quantity': '数量', 'common.unitPrice': '单价', 'common.amount': '金额', 'common.total': '合计',
  'common.addLine': '添加行', 'common.removeLine': '删除第 {n} 行', 'common.line': '行', 'common.details': '详情',
  'common.created': '创建时间', 'common.updated': '更新时间', 'common.filter': '筛选', 'common.product': '商品',
  'common.saved': '已保存 {key}。', 'common.createdKey': '已创建 {key}。', 'common.confirm': '确定吗？',
  'error.network': '无法连接服务器。请检查网络后重试。',
  'error.stale': '在您打开之后，此记录已被他人修改，您的修改未保存。请重新加载查看最新版本后再编辑。',
  'error.fix': '请更正标记的字段。', 'error.generic': '请求失败（{status}）。',
  'f.sku': '商品编码', 'f.name': '名称', 'f.unit': '单位', 'f.barcode': '条码', 'f.category': '类别', 'f.purchasePrice': '进价',
  'f.salePrice': '售价', 'f.reorderPoint': '再订货点', 'f.reorderQuantity': '再订货量', 'f.preferredSupplierCode': '首选供应商',
  'f.code': '编码', 'f.address': '地址', 'f.contact': '联系人', 'f.phone': '电话', 'f.email': '邮箱', 'f.active': '启用',
  'products.title': '商品', 'warehouses.title': '仓库', 'suppliers.title': '供应商', 'customers.title': '客户',
  'products.new': '新建商品', 'warehouses.new': '新建仓库', 'suppliers.new': '新建供应商', 'customers.new': '新建客户',
  'products.edit': '编辑商品 {key}', 'warehouses.edit': '编辑仓库 {key}', 'suppliers.edit': '编辑供应商 {key}', 'customers.edit': '编辑客户 {key}',
  'import.title': '导入 CSV', 'import.file': 'CSV 文件', 'import.text': '或粘贴 CSV', 'import.mode': '已存在的条目',
  'import.create': '拒绝（仅新建）', 'import.upsert': '更新', 'import.run': '导入', 'import.hint': '第一行为列名：{columns}。',
  'import.summary': '共 {total} 行：新建 {created}，更新 {updated}，失败 {failed}。', 'import.row': '行号', 'import.outcome': '结果',
  'import.errors': '错误', 'outcome.CREATED': '已新建', 'outcome.UPDATED': '已更新', 'outcome.FAILED': '失败',
  'po.title': '采购单', 'po.new': '新建采购单', 'po.supplier': '供应商', 'po.expectedDate': '预计到货', 'po.receive': '收货',
  'po.receiveTitle': '{number} 收货', 'po.ordered': '订购', 'po.received': '已收', 'po.remaining': '未收', 'po.receiveNow': '本次收货',
  'so.title': '销售单', 'so.new': '新建销售单', 'so.customer': '客户', 'so.ship': '发货', 'so.shipTitle': '{number} 发货',
  'so.shipped': '已发', 'so.shipNow': '本次发货', 'so.shipAll': '全部发货', 'so.priceDefault': '默认：{price}',
  'so.priceHint': '留空：商品售价', 'so.watch': '等待库存确认…', 'so.rejection': '已拒绝：{reason}',
  'order.return': '退货', 'order.returnTitle': '{number} 退货', 'order.returned': '已退', 'order.returnNow': '本次退货',
  'order.cancel': '取消订单', 'order.cancelConfirm': '取消 {number}？', 'order.accepted': '{number}：已提交，库存确认后状态随即更新。',
  'order.number': '单号', 'order.history': '历史', 'order.lines': '明细', 'order.confirmed': '{number} 状态：{status}。',
  'status.SUBMITTED': '已提交', 'status.PARTIALLY_RECEIVED': '部分收货', 'status.RECEIVED': '已收货', 'status.CANCELLED': '已取消',
  'status.PLACED': '已下单', 'status.CONFIRMED': '已确认', 'status.REJECTED': '已拒绝', 'status.PARTIALLY_SHIPPED': '部分发货',
  'status.SHIPPED': '已发货', 'status.CANCELLING': '取消中',
  'stock.title': '库存作业', 'stock.adjustments': '库存调整', 'stock.transfers': '调拨', 'stock.stocktakes': '盘点',
  'stock.adjust': '调整库存', 'stock.quantityHint': '带符号：+ 增加，− 减少', 'stock.reason': '原因', 'stock.unitCost': '单位成本',
  'stock.unitCostHint': '用于增加；留空：平均成本', 'stock.fromWarehouse': '调出仓库', 'stock.toWarehouse': '调入仓库',
  'stock.transfer': '调拨', 'stock.loadSheet': '生成盘点表', 'stock.counted': '实盘', 'stock.book': '账面', 'stock.variance': '差异',
  'stock.post': '提交盘点', 'stock.result': '结果 {number}', 'stock.sheetHint': '留空的行不提交。', 'stock.gain': '盘盈', 'stock.loss': '盘亏',
  'stock.valueDelta': '金额变动',
  'reason.DAMAGE': '损坏', 'reason.LOSS': '丢失', 'reason.FOUND': '盘得', 'reason.CORRECTION': '更正', 'reason.SAMPLE': '样品',
  'reason.EXPIRED': '过期', 'reason.OPENING_BALANCE': '期初',
  'inv.title': '库存查询', 'inv.levels': '库存量', 'inv.ledger': '流水账', 'inv.lowStock': '低库存', 'inv.valuation': '库存金额',
  'inv.onHand': '现存', 'inv.reserved': '已预留', 'inv.available': '可用', 'inv.averageCost': '平均成本', 'inv.value': '金额',
  'inv.belowReorder': '仅显示低于再订货点', 'inv.low': '低', 'inv.type': '类型', 'inv.balanceAfter': '结存', 'inv.reservedAfter': '预留结存',
  'inv.averageCostAfter': '结存均价', 'inv.reference': '单据', 'inv.time': '时间', 'inv.skuRequired': '输入商品编码查看流水账。',
  'inv.skus': '品项数', 'inv.show': '查询', 'inv.valueByWarehouse': '各仓库库存金额',
  'dash.title': '概览', 'dash.salesToday': '今日销售单', 'dash.purchasesToday': '今日采购单', 'dash.lowStock': '低于再订货点',
  'dash.stockValue': '库存金额', 'dash.recent': '最近动态', 'dash.salesByStatus': '销售单状态（最近 200 张）', 'dash.onHand': '现存 {n}',
  'move.RECEIPT': '入库', 'move.ISSUE': '出库', 'move.RESERVE': '预留', 'move.RELEASE': '释放', 'move.ADJUSTMENT_IN': '调整入',
  'move.ADJUSTMENT_OUT': '调整出', 'move.TRANSFER_IN': '调入', 'move.TRANSFER_OUT': '调出', 'move.STOCKTAKE_GAIN': '盘盈',
  'move.STOCKTAKE_LOSS': '盘亏', 'move.RETURN_IN': '退货入', 'move.RETURN_OUT': '退货出',
};

export const DICTIONARIES = { en, 'zh-CN': zh };

export function locale() {
  return settings().lang;
}

/** The label for {@code key} in the current language, with {name} placeholders filled from {@code vars}. */
export function t(key, vars = {}) {
  const text = DICTIONARIES[locale()]?.[key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? `{${name}}`));
}

const cache = new Map();
function format(kind, options) {
  const id = `${locale()}|${kind}|${settings().currency}`;
  if (!cache.has(id)) cache.set(id, new Intl.NumberFormat(locale(), options()));
  return cache.get(id);
}

const toNumber = (value) => (value === null || value === undefined || value === '' ? null : Number(value));

export function num(value) {
  const n = toNumber(value);
  return n === null ? '' : format('num', () => ({ maximumFractionDigits: 4 })).format(n);
}

export function money(value) {
  const n = toNumber(value);
  return n === null ? '' : format('money', () => ({ style: 'currency', currency: settings().currency })).format(n);
}

/** Unit costs keep up to 6 decimals (a moving average rounded to cents drifts). */
export function cost(value) {
  const n = toNumber(value);
  return n === null ? '' : format('cost', () => ({ style: 'currency', currency: settings().currency, maximumFractionDigits: 6 })).format(n);
}

export function dateTime(value) {
  if (!value) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(value));
}

export function date(value) {
  if (!value) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(`${value}T00:00:00`));
}

/** Fills every element carrying data-i18n with its label (the static parts of index.html). */
export function translatePage(root = document) {
  document.documentElement.lang = locale();
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
}
