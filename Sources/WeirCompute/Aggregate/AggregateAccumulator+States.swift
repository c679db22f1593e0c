import WeirColumns

extension AggregateAccumulator {
    /// The fields of the partial state written to spill files, prefixed with `prefix`.
    func stateFields(_ prefix: String) -> [Field] {
        var fields = [Field("\(prefix)n", .int64, nullable: false)]
        if function == .count { return fields }
        fields.append(Field("\(prefix)v", text ? .string : (integer ? .int64 : .float64), nullable: false))
        if function == .std { fields.append(Field("\(prefix)m2", .float64, nullable: false)) }
        if function == .first || function == .last { fields.append(Field("\(prefix)t", .int64, nullable: false)) }
        return fields
    }

    /// The partial states of the groups `order`, in that order, as columns of ``stateFields(_:)``.
    func stateColumns(_ prefix: String, order: [Int]) -> [Column] {
        let fields = stateFields(prefix)
        var columns = [Column(field: fields[0], storage: .int64(order.map { n[$0] }))]
        if function == .count { return columns }
        let values: ColumnStorage
        if text {
            values = .bytes(order.reduce(into: ByteArrays()) { $0.append(contentsOf: s[$1]) })
        } else {
            values = integer ? .int64(order.map { i[$0] }) : .double(order.map { d[$0] })
        }
        columns.append(Column(field: fields[1], storage: values))
        if function == .std { columns.append(Column(field: fields[2], storage: .double(order.map { m2[$0] }))) }
        if function == .first || function == .last {
            columns.append(Column(field: fields[2], storage: .int64(order.map { t[$0] })))
        }
        return columns
    }

    /// Merges the partial state in `columns` (from ``stateColumns(_:order:)``) at `row` into `group`.
    mutating func merge(_ columns: ArraySlice<Column>, row: Int, into group: Int) throws {
        guard case .int64(let counts) = columns[columns.startIndex].storage else { return }
        let count = counts[row]
        guard count > 0 else { return }
        let valueColumn = columns.index(after: columns.startIndex)
        switch function {
        case .count:
            break
        case .min where text, .max where text, .first where text, .last where text:
            guard case .bytes(let values) = columns[valueColumn].storage else { return }
            var time: Int64 = 0
            if function == .first || function == .last {
                guard case .int64(let times) = columns[columns.index(after: valueColumn)].storage else { return }
                time = times[row]
            }
            values.data.withUnsafeBufferPointer { data in
                let value = UnsafeBufferPointer(rebasing: data[values.offsets[row]..<values.offsets[row + 1]])
                if n[group] == 0 || replaces(value, at: time, group) { keep(value, at: time, in: group) }
            }
        case .sum, .mean, .min, .max:
            if integer {
                guard case .int64(let values) = columns[valueColumn].storage else { return }
                let value = values[row]
                if function == .sum {
                    let (sum, overflow) = i[group].addingReportingOverflow(value)
                    if overflow {
                        throw ComputeError(
                            .invalidInput,
                            "The sum of the integer column '\(aggregation.column)' overflows 64 bits. Please cast "
                                + "the column to double before aggregating it.")
                    }
                    i[group] = sum
                } else if n[group] == 0 || (function == .min ? value < i[group] : value > i[group]) {
                    i[group] = value
                }
            } else {
                guard case .double(let values) = columns[valueColumn].storage else { return }
                let value = values[row]
                switch function {
                case .sum, .mean: d[group] += value
                default:
                    if n[group] == 0 || (function == .min ? value < d[group] : value > d[group]) { d[group] = value }
                }
            }
        case .std:
            guard case .double(let means) = columns[valueColumn].storage,
                case .double(let squares) = columns[columns.index(after: valueColumn)].storage
            else { return }
            let total = Double(n[group] + count)
            let delta = means[row] - d[group]
            m2[group] += squares[row] + delta * delta * Double(n[group]) * Double(count) / total
            d[group] += delta * Double(count) / total
        case .first, .last:
            guard case .int64(let times) = columns[columns.index(after: valueColumn)].storage else { return }
            let time = times[row]
            if integer {
                guard case .int64(let values) = columns[valueColumn].storage else { return }
                if n[group] == 0 || later(time, Double(values[row]), than: t[group], Double(i[group])) {
                    t[group] = time
                    i[group] = values[row]
                }
            } else {
                guard case .double(let values) = columns[valueColumn].storage else { return }
                if n[group] == 0 || later(time, values[row], than: t[group], d[group]) {
                    t[group] = time
                    d[group] = values[row]
                }
            }
        }
        n[group] += count
    }

    /// The results of the groups `order`, in that order. A result from fewer than `minCount`
    /// values is null (`count` is always given).
    func finish(order: [Int], minCount: Int) -> Column {
        if function == .count { return Column(field: output, storage: .int64(order.map { n[$0] })) }
        let needed = Int64(max(minCount, function == .std ? 2 : 1))
        let validity = order.map { n[$0] >= needed }
        let storage: ColumnStorage
        if text {
            storage = .bytes(order.reduce(into: ByteArrays()) { $0.append(contentsOf: s[$1]) })
        } else if integer {
            let values = order.map { i[$0] }
            switch output.type.defaultStorageKind {
            case .int32: storage = .int32(values.map { Int32(truncatingIfNeeded: $0) })
            case .boolean: storage = .boolean(values.map { $0 != 0 })
            default: storage = .int64(values)
            }
        } else {
            let values: [Double]
            switch function {
            case .mean: values = order.map { n[$0] > 0 ? d[$0] / Double(n[$0]) : 0 }
            case .std: values = order.map { n[$0] > 1 ? (m2[$0] / Double(n[$0] - 1)).squareRoot() : 0 }
            default: values = order.map { d[$0] }
            }
            storage = output.type == .float32 ? .float(values.map { Float($0) }) : .double(values)
        }
        return Column(field: output, storage: storage, validity: validity.allSatisfy { $0 } ? nil : validity)
    }
}

extension AggregateAccumulator {
    /// Keeps only group `group`'s state, as group 0; with `nil`, keeps none.
    mutating func keepOnly(_ group: Int?) {
        func keep<T>(_ values: inout [T]) {
            guard let group, values.indices.contains(group) else {
                values = []
                return
            }
            values = [values[group]]
        }
        keep(&n)
        keep(&d)
        keep(&i)
        keep(&m2)
        keep(&t)
        keep(&s)
        textBytes = s.reduce(0) { $0 + $1.count }
    }
}
