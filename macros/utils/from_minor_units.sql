{% macro from_minor_units(amount, currency) -%}
    {{ return(adapter.dispatch('from_minor_units')(amount, currency)) }}
{%- endmacro %}

{% macro default__from_minor_units(amount, currency) -%}
    {#- An amount in minor units (cents) as a decimal in currency units. Currencies without
        minor units (ISO 4217 exponent 0, e.g. JPY, KRW) are already in units; the few with
        three decimals (BHD, KWD...) divide by 1000. -#}
    cast(
        {{ amount }} / case
            when upper({{ currency }}) in (
                'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG',
                'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'
            ) then 1.0
            when upper({{ currency }}) in ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') then 1000.0
            else 100.0
        end
        as decimal(18, 3)
    )
{%- endmacro %}
