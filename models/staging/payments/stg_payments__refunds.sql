with

source as (

    select * from {{ source('payments', 'refunds') }}

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as refund_id,
        cast(nullif(trim(charge_id), '') as {{ dbt.type_string() }}) as charge_id,

        ---------- strings
        upper(nullif(trim(currency), '')) as currency,
        lower(nullif(trim(status), '')) as status,
        lower(nullif(trim(reason), '')) as reason,

        ---------- numerics
        {{ from_minor_units('amount', 'currency') }} as amount,

        ---------- timestamps
        cast(created as timestamp) as created_at

    from source

)

select * from renamed
