/// Python snippets for the interop tests: a formatter that prints a pyarrow table as JSON lines
/// in the conventions of `Value.json`, and the writers of the test files.
enum InteropPython {
    /// Defines `table_jsonl(table) -> str`: one JSON object per row, keys in column order.
    static let formatter = #"""
        import base64, decimal, math
        import numpy as np
        import pyarrow as pa
        # Exact decimals of up to 76 digits (the default context rounds to 28).
        decimal.getcontext().prec = 100

        def quote(text):
            out = ['"']
            for ch in text:
                code = ord(ch)
                if ch == '"': out.append('\\"')
                elif ch == '\\': out.append('\\\\')
                elif ch == '\n': out.append('\\n')
                elif ch == '\r': out.append('\\r')
                elif ch == '\t': out.append('\\t')
                elif code < 0x20: out.append('\\u%04x' % code)
                else: out.append(ch)
            out.append('"')
            return ''.join(out)

        def swift_float(value, bits):
            # Swift's `description`: shortest round-trip digits, positional between 1e-4 and 2^53
            # (2^24 for Float), exponential outside, always with a fraction or an exponent.
            if math.isnan(value): return quote('NaN')
            if math.isinf(value): return quote('Infinity' if value > 0 else '-Infinity')
            if value == 0: return '-0.0' if math.copysign(1, value) < 0 else '0.0'
            number = np.float32(value) if bits == 32 else np.float64(value)
            scientific = np.format_float_scientific(number, unique=True, trim='-')
            mantissa, exponent = scientific.split('e')
            exponent = int(exponent)
            sign = '-' if mantissa.startswith('-') else ''
            digits = mantissa.lstrip('-').replace('.', '')
            limit = 2.0 ** (24 if bits == 32 else 53)
            if exponent < -4 or abs(value) > limit:
                text = digits[0] + ('.' + digits[1:] if len(digits) > 1 else '')
                return sign + text + 'e' + ('-' if exponent < 0 else '+') + '%02d' % abs(exponent)
            if exponent >= 0:
                whole = digits[:exponent + 1].ljust(exponent + 1, '0')
                fraction = digits[exponent + 1:] or '0'
            else:
                whole = '0'
                fraction = '0' * (-exponent - 1) + digits
            return sign + whole + '.' + fraction

        def civil(days):
            z = days + 719468
            era = (z if z >= 0 else z - 146096) // 146097
            doe = z - era * 146097
            yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
            doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
            mp = (5 * doy + 2) // 153
            day = doy - (153 * mp + 2) // 5 + 1
            month = mp + 3 if mp < 10 else mp - 9
            year = yoe + era * 400 + (1 if month <= 2 else 0)
            if year < 0: ytext = '-%04d' % -year
            elif year > 9999: ytext = '+%d' % year
            else: ytext = '%04d' % year
            return '%s-%02d-%02d' % (ytext, month, day)

        def timestamp(value, unit, utc):
            per = {'s': 1, 'ms': 1000, 'us': 1000000, 'ns': 1000000000}[unit]
            digits = {'s': 0, 'ms': 3, 'us': 6, 'ns': 9}[unit]
            seconds, fraction = divmod(value, per)
            days, second_of_day = divmod(seconds, 86400)
            text = '%sT%02d:%02d:%02d.%0*d' % (civil(days), second_of_day // 3600, second_of_day // 60 % 60,
                                               second_of_day % 60, digits, fraction)
            return text + ('Z' if utc else '')

        def decimal_text(unscaled, scale):
            negative = unscaled < 0
            digits = str(abs(unscaled))
            if scale > 0:
                if len(digits) <= scale: digits = '0' * (scale - len(digits) + 1) + digits
                digits = digits[:-scale] + '.' + digits[-scale:]
            return ('-' if negative else '') + digits

        def nested_json(array):
            # Lists as JSON arrays, structs as objects, maps as arrays of {"key", "value"} objects.
            t = array.type
            valid = array.is_valid().to_pylist()
            if pa.types.is_map(t):
                offsets = array.offsets.to_pylist()
                keys, items = column_json(array.keys), column_json(array.items)
                def entries(i):
                    return ','.join('{"key":%s,"value":%s}' % (keys[j] or 'null', items[j] or 'null')
                                    for j in range(offsets[i], offsets[i + 1]))
                return ['[' + entries(i) + ']' if valid[i] else None for i in range(len(array))]
            if pa.types.is_list(t) or pa.types.is_large_list(t):
                offsets = array.offsets.to_pylist()
                values = column_json(array.values)
                return ['[' + ','.join(v or 'null' for v in values[offsets[i]:offsets[i + 1]]) + ']'
                        if valid[i] else None for i in range(len(array))]
            children = [column_json(child) for child in array.flatten()]
            names = [quote(t.field(k).name) for k in range(t.num_fields)]
            return ['{' + ','.join(n + ':' + (c[i] or 'null') for n, c in zip(names, children)) + '}'
                    if valid[i] else None for i in range(len(array))]

        def column_json(column):
            t = column.type
            if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_map(t) or pa.types.is_struct(t):
                return nested_json(column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column)
            if pa.types.is_timestamp(t):
                ints = column.cast(pa.int64()).to_pylist()
                return [None if v is None else quote(timestamp(v, t.unit, t.tz is not None)) for v in ints]
            if pa.types.is_date32(t):
                ints = column.cast(pa.int32()).to_pylist()
                return [None if v is None else quote(civil(v)) for v in ints]
            values = column.to_pylist()
            out = []
            for v in values:
                if v is None: out.append(None)
                elif pa.types.is_boolean(t): out.append('true' if v else 'false')
                elif pa.types.is_integer(t): out.append(str(v))
                elif pa.types.is_float16(t) or pa.types.is_float32(t): out.append(swift_float(float(v), 32))
                elif pa.types.is_float64(t): out.append(swift_float(v, 64))
                elif pa.types.is_decimal(t): out.append(quote(decimal_text(int(v.scaleb(t.scale)), t.scale)))
                elif isinstance(v, str): out.append(quote(v))
                elif isinstance(v, (bytes, bytearray)): out.append(quote(base64.b64encode(v).decode()))
                else: raise TypeError('unexpected %s' % t)
            return out

        def table_jsonl(table):
            table = table.combine_chunks()
            names = table.column_names
            columns = [column_json(table.column(i)) for i in range(table.num_columns)]
            lines = []
            for row in range(table.num_rows):
                parts = []
                for name, values in zip(names, columns):
                    value = values[row]
                    parts.append(quote(name) + ':' + ('null' if value is None else value))
                lines.append('{' + ','.join(parts) + '}')
            return ''.join(line + '\n' for line in lines)
        """#

    /// Defines `sample_table(rows)`: every flat type Weir reads, with nulls and edge values.
    static let sampleTable = #"""
        import datetime, decimal
        import pyarrow as pa

        def sample_table(rows=300, with_float16=True):
            def pick(i, values): return values[i % len(values)]
            def nulls(values, every=7): return [None if i % every == 3 else v for i, v in enumerate(values)]
            ints = [(i * 7919) % 2000 - 1000 for i in range(rows)]
            strings = ['', 'a', 'héllo wörld', 'naïve "quotes"\\', 'tab\tnew\nline', '日本語', 'x' * 40, 'emoji 🎉']
            data = {
                'bool': pa.array(nulls([i % 3 == 0 for i in range(rows)]), pa.bool_()),
                'i8': pa.array([pick(i, [-128, 127, 0, -1, 5]) for i in range(rows)], pa.int8()),
                'i16': pa.array(nulls([pick(i, [-32768, 32767, 3, -7]) for i in range(rows)]), pa.int16()),
                'i32': pa.array([v * 1000 for v in ints], pa.int32()),
                'i64': pa.array(nulls([v * 10**12 for v in ints] [:rows - 2] + [-2**63, 2**63 - 1]), pa.int64()),
                'u8': pa.array([pick(i, [0, 255, 128]) for i in range(rows)], pa.uint8()),
                'u16': pa.array([pick(i, [0, 65535, 40000]) for i in range(rows)], pa.uint16()),
                'u32': pa.array(nulls([pick(i, [0, 4294967295, 3000000000]) for i in range(rows)]), pa.uint32()),
                'u64': pa.array([pick(i, [0, 18446744073709551615, 9223372036854775808, 12]) for i in range(rows)],
                                pa.uint64()),
                'f32': pa.array(nulls([pick(i, [0.1, -2.5, float('nan'), float('inf'), -0.0, 3.4028235e38, 1e-7,
                                                16777216.0, 123456.78]) for i in range(rows)]), pa.float32()),
                'f64': pa.array([pick(i, [0.1, -1e300, float('-inf'), 5e-324, 1e16, 12345.678901234, i / 3])
                                 for i in range(rows)], pa.float64()),
                'str': pa.array(nulls([pick(i, strings) + (str(i) if i % 5 == 0 else '') for i in range(rows)], 5),
                                pa.string()),
                'bin': pa.array(nulls([bytes([i % 256, 0, 255])[: i % 4] for i in range(rows)], 6), pa.binary()),
                'date': pa.array(nulls([pick(i, [0, -1, 19000, -719162, 2932896]) + i for i in range(rows)]),
                                 pa.date32()),
                'ts_ms': pa.array([1_700_000_000_000 + i * 1001 - 10**12 * (i % 3) for i in range(rows)],
                                  pa.timestamp('ms')),
                'ts_us_utc': pa.array(nulls([1_700_000_000_000_000 + i * 999_999 * (-1) ** i for i in range(rows)]),
                                      pa.timestamp('us', tz='UTC')),
                'ts_ns': pa.array([1_700_000_000_000_000_000 + i * 123_456_789 for i in range(rows)],
                                  pa.timestamp('ns')),
                'ts_ns_tz': pa.array([-1_000_000_000 * i - 1 for i in range(rows)],
                                     pa.timestamp('ns', tz='America/Santiago')),
                'dec9': pa.array(nulls([decimal.Decimal(v).scaleb(-2) for v in ints]), pa.decimal128(9, 2)),
                'dec18': pa.array([decimal.Decimal(v * 10**9 + 1).scaleb(-4) for v in ints], pa.decimal128(18, 4)),
                'dec30': pa.array(nulls([decimal.Decimal(v * 10**20 - 7).scaleb(-5) for v in ints]),
                                  pa.decimal128(30, 5)),
                'fixed': pa.array([bytes([i % 256, (i * 3) % 256, 0, 7]) for i in range(rows)], pa.binary(4)),
            }
            if with_float16:
                import numpy as np
                data['f16'] = pa.array(nulls([np.float16(pick(i, [0.5, -65504.0, 1e-7, float('nan'), 3.14]))
                                              for i in range(rows)]), pa.float16())
            return pa.table(data)
        """#
}
