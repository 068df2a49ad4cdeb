{% macro date_text_to_iso(column_name, slash_order='mdy', century_pivot=30) -%}
    {{ return(adapter.dispatch('date_text_to_iso')(column_name, slash_order, century_pivot)) }}
{%- endmacro %}

{% macro default__date_text_to_iso(column_name, slash_order='mdy', century_pivot=30) -%}
    {#- The date a messy text names, as 'YYYY-MM-DD' text that may still be impossible
        (2023-02-30); null when no known shape matches. Shapes, in order:
          2024-03-07, 2024/03/07, 2024.3.7 (a time after the date is ignored), 20240307
          7.3.2024 (dots: always day first)
          13/03/2024 or 03/13/2024 (a part above 12 can only be the day)
          03/07/2024 or 03-07-2024 (ambiguous: slash_order 'mdy' or 'dmy' decides)
          7 March 2024, 07-Mar-2024, 7th Mar 2024, March 7, 2024, Mar 7 2024
        Two-digit years: below century_pivot -> 20yy, else 19yy. -#}
    {%- if slash_order not in ('mdy', 'dmy') -%}
        {{ exceptions.raise_compiler_error("date_text_to_iso: slash_order must be 'mdy' or 'dmy', got '" ~ slash_order ~ "'") }}
    {%- endif -%}
    {%- set pivot = century_pivot | int -%}
    {%- if pivot < 1 or pivot > 99 -%}
        {{ exceptions.raise_compiler_error("date_text_to_iso: century_pivot must be 1..99") }}
    {%- endif -%}
    {#- a regex for the two-digit years below the pivot, e.g. 30 -> [0-2][0-9] -#}
    {%- set tens, units = pivot // 10, pivot % 10 -%}
    {%- set below_pivot = [] -%}
    {%- if tens > 0 -%}{%- do below_pivot.append('[0-' ~ (tens - 1) ~ '][0-9]') -%}{%- endif -%}
    {%- if units > 0 -%}{%- do below_pivot.append(tens ~ '[0-' ~ (units - 1) ~ ']') -%}{%- endif -%}
    {%- set text -%}lower(trim(cast({{ column_name }} as {{ dbt.type_string() }}))){%- endset -%}
    {%- set months = [
        ('01', 'jan|january'), ('02', 'feb|february'), ('03', 'mar|march'), ('04', 'apr|april'),
        ('05', 'may'), ('06', 'jun|june'), ('07', 'jul|july'), ('08', 'aug|august'),
        ('09', 'sep|sept|september'), ('10', 'oct|october'), ('11', 'nov|november'),
        ('12', 'dec|december')
    ] -%}
    {#- (shape the text must match, pattern with groups, replacement giving year-month-day) -#}
    {%- set shapes = [
        ('^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})([ t].*)?$',
         '^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})([ t].*)?$', '\\1-\\2-\\3'),
        ('^[0-9]{8}$', '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3'),
        ('^[0-9]{1,2}\\.[0-9]{1,2}\\.([0-9]{2}|[0-9]{4})$',
         '^([0-9]{1,2})\\.([0-9]{1,2})\\.([0-9]{2,4})$', '\\3-\\2-\\1'),
        ('^(1[3-9]|[2-9][0-9])[/-][0-9]{1,2}[/-]([0-9]{2}|[0-9]{4})$',
         '^([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{2,4})$', '\\3-\\2-\\1'),
        ('^[0-9]{1,2}[/-](1[3-9]|[2-9][0-9])[/-]([0-9]{2}|[0-9]{4})$',
         '^([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{2,4})$', '\\3-\\1-\\2'),
        ('^[0-9]{1,2}[/-][0-9]{1,2}[/-]([0-9]{2}|[0-9]{4})$',
         '^([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{2,4})$',
         '\\3-\\1-\\2' if slash_order == 'mdy' else '\\3-\\2-\\1'),
        ('^[0-9]{1,2}(st|nd|rd|th)?[ -][a-z]{3,9}\\.?,?[ -]([0-9]{2}|[0-9]{4})$',
         '^([0-9]{1,2})(st|nd|rd|th)?[ -]([a-z]{3,9})\\.?,?[ -]([0-9]{2,4})$', '\\4-\\3-\\1'),
        ('^[a-z]{3,9}\\.? [0-9]{1,2}(st|nd|rd|th)?,? [0-9]{4}$',
         '^([a-z]{3,9})\\.? ([0-9]{1,2})(st|nd|rd|th)?,? ([0-9]{4})$', '\\4-\\1-\\2')
    ] -%}
    {%- set shaped -%}
        case
        {%- for shape, groups, replacement in shapes %}
            when {{ regex_matches(text, shape) }}
                then {{ regex_replace(text, groups, replacement, all=false) }}
        {%- endfor %}
        end
    {%- endset -%}
    {%- set expression = namespace(sql=shaped) -%}
    {%- for number, names in months -%}
        {%- set expression.sql = regex_replace(expression.sql, '-(' ~ names ~ ')-', '-' ~ number ~ '-', all=false) -%}
    {%- endfor -%}
    {%- if below_pivot -%}
        {%- set expression.sql = regex_replace(expression.sql, '^(' ~ below_pivot | join('|') ~ ')-', '20\\1-', all=false) -%}
    {%- endif -%}
    {%- set expression.sql = regex_replace(expression.sql, '^([0-9]{2})-', '19\\1-', all=false) -%}
    {#- zero-pad month and day; a month name that is not one stays letters and fails later -#}
    {{ regex_replace(regex_replace(expression.sql, '-([0-9])-', '-0\\1-', all=false), '-([0-9])$', '-0\\1', all=false) }}
{%- endmacro %}
